import type { Metadata } from "next";

import { CustomFieldsPanel } from "~/components/custom-fields/custom-fields-panel";
import { HydrateClient } from "~/components/providers/hydrate-client";
import { Alert } from "~/components/ui/alert";
import { isAgencyAdmin } from "~/server/tenancy";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller, getQueryClient, trpc } from "~/server/trpc/rsc";

export const metadata: Metadata = { title: "Custom fields" };

const CustomFieldsPage = async () => {
  const agency = await pageData(caller.agency.get());
  if (!isAgencyAdmin(agency.role)) {
    return (
      <div className="mx-auto max-w-lg py-12">
        <h1 className="text-xl font-semibold">Custom fields</h1>
        <div className="mt-4">
          <Alert tone="info">
            Only owners and admins of {agency.name} can manage custom fields across locations.
          </Alert>
        </div>
      </div>
    );
  }
  void getQueryClient().prefetchQuery(trpc.customFields.listAcrossLocations.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold">Custom fields</h1>
          <p className="mt-1 text-sm text-slate-600">
            Each location keeps its own contact custom fields in GoHighLevel. Give the ones that
            mean the same thing one canonical name, so imports and automations reach all of{" "}
            {agency.name}&apos;s locations at once.
          </p>
        </div>
        <CustomFieldsPanel />
      </div>
    </HydrateClient>
  );
};

export default CustomFieldsPage;
