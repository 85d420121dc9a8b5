import Link from "next/link";

import { ExportDialog } from "~/components/contacts/export-dialog";
import { ImportWizard } from "~/components/imports/import-wizard";
import { Alert } from "~/components/ui/alert";
import { PageHeading } from "~/components/ui/page-heading";

import { type LocationPageProps, loadLocation, locationMetadata } from "../../load-location";

export const generateMetadata = locationMetadata("Import contacts");

const ImportContactsPage = async ({ params }: LocationPageProps) => {
  const location = await loadLocation(params);
  const contactsHref = `/locations/${location.id}/contacts`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageHeading
          back={{ href: contactsHref, label: `Contacts · ${location.name}` }}
          title="Import contacts"
        >
          From a CSV file into {location.name}. Nothing is written until you start the import after
          the dry run.{" "}
          <Link href="/imports" className="text-indigo-700 hover:underline">
            All imports
          </Link>
        </PageHeading>
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
