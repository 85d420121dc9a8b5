import type { Metadata } from "next";
import Link from "next/link";

import { ContactsBrowser } from "~/components/contacts/contacts-browser";
import { ExportDialog } from "~/components/contacts/export-dialog";
import { buttonClasses } from "~/components/ui/button";

import { getLocation } from "../get-location";

type Props = { params: Promise<{ locationId: string }> };

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { locationId } = await params;
  const location = await getLocation(locationId).catch(() => null);
  return { title: location ? `Contacts · ${location.name}` : "Contacts" };
};

const LocationContactsPage = async ({ params }: Props) => {
  const { locationId } = await params;
  const location = await getLocation(locationId);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link
            href={`/locations/${location.id}`}
            className="text-sm text-indigo-700 hover:underline"
          >
            ← {location.name}
          </Link>
          <h1 className="mt-1 text-2xl font-semibold">Contacts · {location.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Served from GHL Hub&apos;s copy, kept current by GoHighLevel&apos;s webhooks. Changes
            you make are saved in GoHighLevel first.
          </p>
        </div>
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
