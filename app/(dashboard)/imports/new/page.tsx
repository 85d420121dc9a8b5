import type { Metadata } from "next";
import Link from "next/link";

import { ImportWizard } from "~/components/imports/import-wizard";

export const metadata: Metadata = { title: "New import" };

const NewImportPage = () => (
  <div className="space-y-6">
    <div>
      <Link href="/imports" className="text-sm text-indigo-700 hover:underline">
        ← Imports
      </Link>
      <h1 className="mt-1 text-2xl font-semibold">Import contacts</h1>
      <p className="mt-1 text-sm text-slate-600">
        Into one location, or into several when a column names each row&apos;s location (by name or
        GoHighLevel id). Nothing is written until you start the import after the dry run.
      </p>
    </div>
    <ImportWizard />
  </div>
);

export default NewImportPage;
