import type { Metadata } from "next";

import { ConnectionsPanel } from "~/components/connections/connections-panel";
import { HydrateClient } from "~/components/providers/hydrate-client";
import { Alert } from "~/components/ui/alert";
import { isAgencyAdmin } from "~/server/tenancy";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller, getQueryClient, trpc } from "~/server/trpc/rsc";

export const metadata: Metadata = { title: "GoHighLevel connections" };

type Props = { searchParams: Promise<{ connected?: string; error?: string; message?: string }> };

const ERRORS: Record<string, string> = {
  denied: "The connection was cancelled in GoHighLevel. Nothing was changed.",
  invalid_callback: "GoHighLevel sent the browser back without an authorization code. Start again.",
  ghl_error: "GoHighLevel reported an error during the connection. Start again.",
};

const ConnectionsPage = async ({ searchParams }: Props) => {
  const [agency, params] = await Promise.all([pageData(caller.agency.get()), searchParams]);
  if (!isAgencyAdmin(agency.role)) {
    return (
      <div className="mx-auto max-w-lg py-12">
        <Alert tone="info">Only owners and admins can manage GoHighLevel connections.</Alert>
      </div>
    );
  }
  void getQueryClient().prefetchQuery(trpc.connections.overview.queryOptions());
  const error = params.error
    ? (params.message ?? ERRORS[params.error] ?? "The connection failed. Try again.")
    : null;
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold">GoHighLevel connections</h1>
          <p className="mt-1 text-sm text-slate-600">
            Connect {agency.name}&apos;s GoHighLevel agency once; every sub-account you approve
            appears as a location.
          </p>
        </div>
        {params.connected ? (
          <Alert tone="success">
            Connected. {params.connected} location{params.connected === "1" ? "" : "s"} now sync
            with GoHighLevel.
          </Alert>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
        <ConnectionsPanel />
      </div>
    </HydrateClient>
  );
};

export default ConnectionsPage;
