import type { Metadata } from "next";
import Link from "next/link";

import { ExportDialog } from "~/components/contacts/export-dialog";
import { ImportsList } from "~/components/imports/imports-list";
import { buttonClasses } from "~/components/ui/button";

export const metadata: Metadata = { title: "Imports" };

const ImportsPage = () => (
  <div className="space-y-6">
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Imports</h1>
        <p className="mt-1 text-sm text-slate-600">
          CSV imports of contacts into one location or several at once, each at its location&apos;s
          GoHighLevel rate limit. Open one for its progress, error report and undo.
        </p>
      </div>
      <div className="flex gap-2">
        <ExportDialog />
        <Link href="/imports/new" className={buttonClasses("primary")}>
          New import
        </Link>
      </div>
    </div>
    <ImportsList />
  </div>
);

export default ImportsPage;
