import type { Metadata } from "next";
import Link from "next/link";

import { LocationHealthCard } from "~/components/connections/location-health-card";
import { ConnectionStatusBadge } from "~/components/dashboard/connection-status-badge";
import { SyncFrequencyForm } from "~/components/dashboard/sync-frequency-form";
import { ContactsSyncCard } from "~/components/sync/contacts-sync-card";
import { Badge } from "~/components/ui/badge";
import { buttonClasses } from "~/components/ui/button";
import { Card, CardHeader } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";

import { type LocationPageProps, loadLocation } from "./load-location";

export const generateMetadata = async ({ params }: LocationPageProps): Promise<Metadata> => {
  const location = await loadLocation(params).catch(() => null);
  return { title: location?.name ?? "Location" };
};

const Detail = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="px-5 py-3 sm:grid sm:grid-cols-3 sm:gap-4">
    <dt className="text-sm font-medium text-slate-600">{label}</dt>
    <dd className="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
  </div>
);

const LocationPage = async ({ params }: LocationPageProps) => {
  const location = await loadLocation(params);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{location.name}</h1>
        <ConnectionStatusBadge status={location.connectionStatus} />
        <Badge tone={location.role === "admin" ? "indigo" : "gray"}>You: {location.role}</Badge>
        <Link
          href={`/locations/${location.id}/contacts`}
          className={cn(buttonClasses("secondary", "sm"), "ml-auto")}
        >
          Contacts
        </Link>
        <Link
          href={`/locations/${location.id}/webhooks`}
          className={buttonClasses("secondary", "sm")}
        >
          Webhook events
        </Link>
      </div>
      <Card>
        <CardHeader
          title="Location details"
          description="Synced from GoHighLevel once the location is connected."
        />
        <dl className="divide-y divide-slate-100">
          <Detail label="City">
            {[location.city, location.country].filter(Boolean).join(", ") || "—"}
          </Detail>
          <Detail label="Time zone">{location.timezone}</Detail>
          <Detail label="GoHighLevel location id">
            {location.ghlLocationId ? (
              <code className="text-xs">{location.ghlLocationId}</code>
            ) : (
              "—"
            )}
          </Detail>
          <Detail label="Sync frequency">
            <SyncFrequencyForm
              locationId={location.id}
              value={location.syncFrequency}
              canEdit={location.role === "admin"}
            />
          </Detail>
        </dl>
      </Card>
      <ContactsSyncCard locationId={location.id} />
      <LocationHealthCard locationId={location.id} />
    </div>
  );
};

export default LocationPage;
