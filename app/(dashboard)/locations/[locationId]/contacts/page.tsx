import Link from "next/link";

import { ContactsBrowser } from "~/components/contacts/contacts-browser";
import { ExportDialog } from "~/components/contacts/export-dialog";
import { buttonClasses } from "~/components/ui/button";
import { PageHeading } from "~/components/ui/page-heading";

import { type LocationPageProps, loadLocation, locationMetadata } from "../load-location";

export const generateMetadata = locationMetadata("Contacts");

const LocationContactsPage = async ({ params }: LocationPageProps) => {
  const location = await loadLocation(params);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageHeading
          back={{ href: `/locations/${location.id}`, label: location.name }}
          title={`Contacts · ${location.name}`}
        >
          Served from GHL Hub&apos;s copy, kept current by GoHighLevel&apos;s webhooks. Changes you
          make are saved in GoHighLevel first.
        </PageHeading>
        <div className="flex gap-2">
          <Link
            href={`/locations/${location.id}/contacts/import`}
            className={buttonClasses("secondary")}
          >
            Import CSV
          </Link>
          <ExportDialog location={{ id: location.id, name: location.name }} />
        </div>
      </div>
      <ContactsBrowser locationId={location.id} />
    </div>
  );
};

export default LocationContactsPage;
