import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";

import { ImportProgress } from "~/components/imports/import-progress";

export const metadata: Metadata = { title: "Import" };

type Props = { params: Promise<{ importId: string }> };

const ImportPage = async ({ params }: Props) => {
  const { importId } = await params;
  if (!z.uuid().safeParse(importId).success) notFound();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/imports" className="text-sm text-indigo-700 hover:underline">
          ← Imports
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Import</h1>
      </div>
      <ImportProgress importId={importId} />
    </div>
  );
};

export default ImportPage;
