import type { Metadata } from "next";
import Link from "next/link";

import { WebhookLog } from "~/components/webhooks/webhook-log";

import { getLocation } from "../get-location";

type Props = { params: Promise<{ locationId: string }> };

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { locationId } = await params;
  const location = await getLocation(locationId).catch(() => null);
  return { title: location ? `Webhooks · ${location.name}` : "Webhooks" };
};

const LocationWebhooksPage = async ({ params }: Props) => {
  const { locationId } = await params;
  const location = await getLocation(locationId);
  return (
    <div className="space-y-6">
      <div>
        <Link
          href={`/locations/${location.id}`}
          className="text-sm text-indigo-700 hover:underline"
        >
          ← {location.name}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Webhooks · {location.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Events GoHighLevel sent for this location, newest first.
        </p>
      </div>
      <WebhookLog location={{ id: location.id, name: location.name, role: location.role }} />
    </div>
  );
};

export default LocationWebhooksPage;
