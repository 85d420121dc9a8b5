import { PageHeading } from "~/components/ui/page-heading";
import { WebhookLog } from "~/components/webhooks/webhook-log";

import { type LocationPageProps, loadLocation, locationMetadata } from "../load-location";

export const generateMetadata = locationMetadata("Webhooks");

const LocationWebhooksPage = async ({ params }: LocationPageProps) => {
  const location = await loadLocation(params);
  return (
    <div className="space-y-6">
      <PageHeading
        back={{ href: `/locations/${location.id}`, label: location.name }}
        title={`Webhooks · ${location.name}`}
      >
        Events GoHighLevel sent for this location, newest first.
      </PageHeading>
      <WebhookLog location={{ id: location.id, name: location.name, role: location.role }} />
    </div>
  );
};

export default LocationWebhooksPage;
