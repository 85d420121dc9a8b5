import type { Metadata } from "next";

import { WebhookLog } from "~/components/webhooks/webhook-log";
import { isAgencyAdmin } from "~/server/tenancy";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller } from "~/server/trpc/rsc";

export const metadata: Metadata = { title: "Webhooks" };

const WebhooksPage = async () => {
  const agency = await pageData(caller.agency.get());
  const admin = isAgencyAdmin(agency.role);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every event GoHighLevel sent {admin ? `to ${agency.name}` : "for your locations"}:
          verified, stored as received, then processed. Open one to see its payload; retry dead ones
          or replay finished ones.
        </p>
      </div>
      <WebhookLog isAgencyAdmin={admin} />
    </div>
  );
};

export default WebhooksPage;
