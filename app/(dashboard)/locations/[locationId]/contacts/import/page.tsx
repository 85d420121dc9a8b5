import type { Metadata } from "next";
import Link from "next/link";

import { ExportDialog } from "~/components/contacts/export-dialog";
import { ImportWizard } from "~/components/imports/import-wizard";
import { Alert } from "~/components/ui/alert";

import { getLocation } from "../../get-location";

type Props = { params: Promise<{ locationId: string }> };

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { locationId } = await params;
  const location = await getLocation(locationId).catch(() => null);
  return { title: location ? `Import contacts · ${location.name}` : "Import contacts" };
};

const ImportContactsPage = async ({ params }: Props) => {
  const { locationId } = await params;
  const location = await getLocation(locationId);
  const contactsHref = `/locations/${location.id}/contacts`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href={contactsHref} className="text-sm text-indigo-700 hover:underline">
            ← Contacts · {location.name}
          </Link>
          <h1 className="mt-1 text-2xl font-semibold">Import contacts</h1>
          <p className="mt-1 text-sm text-slate-600">
            From a CSV file into {location.name}. Nothing is written until you start the import
            after the dry run.{" "}
            <Link href="/imports" className="text-indigo-700 hover:underline">
              All imports
            </Link>
          </p>
        </div>
        <ExportDialog location={{ id: location.id, name: location.name }} />
      </div>
      {location.role === "admin" ? (
        <ImportWizard
          location={{ id: location.id, name: location.name }}
          contactsHref={contactsHref}
        />
      ) : (
        <Alert tone="info">Only admins of {location.name} can import contacts into it.</Alert>
      )}
    </div>
  );
};

export default ImportContactsPage;
