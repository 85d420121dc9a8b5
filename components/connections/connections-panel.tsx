"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { ConnectionStatusBadge } from "../dashboard/connection-status-badge";
import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { ConnectCard } from "./connect-card";
import { HealthTable } from "./health-table";
import { PrivateTokenForm } from "./private-token-form";

export const ConnectionsPanel = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery({
    ...trpc.connections.overview.queryOptions(),
    refetchInterval: 30_000,
  });
  const disconnect = useMutation(
    trpc.connections.disconnect.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.connections.overview.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.locations.list.queryKey() }),
        ]),
    }),
  );
  const confirmDisconnect = (connectionId: string, name: string) => {
    if (
      window.confirm(`Disconnect ${name}? GHL Hub uninstalls itself there and deletes the tokens.`)
    )
      disconnect.mutate({ connectionId });
  };

  if (overview.isPending) return <Skeleton className="h-72" />;
  if (overview.isError) return <Alert>Could not load connections: {overview.error.message}</Alert>;
  const { configured, sandbox, scopes, company, locations } = overview.data;

  return (
    <div className="space-y-6">
      {!configured ? (
        <Alert>
          No GoHighLevel app is configured on this server. An administrator must set GHL_CLIENT_ID
          and GHL_CLIENT_SECRET.
        </Alert>
      ) : null}
      {sandbox ? (
        <Alert tone="info">
          This server talks to the local GHL sandbox, not to GoHighLevel itself.
        </Alert>
      ) : null}
      {disconnect.isError ? <Alert>{disconnect.error.message}</Alert> : null}
      {company ? (
        <Card>
          <CardHeader
            title="Agency connection"
            description={`GoHighLevel company ${company.ghlCompanyId}, ${company.credentialType === "pit" ? "private integration token" : "OAuth"}.`}
            action={
              <div className="flex items-center gap-3">
                <ConnectionStatusBadge status={company.status} />
                {company.status !== "disconnected" ? (
                  <Button
                    variant="danger"
                    size="sm"
                    pending={disconnect.isPending}
                    onClick={() => confirmDisconnect(company.id, "the agency")}
                  >
                    Disconnect agency
                  </Button>
                ) : null}
              </div>
            }
          />
          <div className="flex flex-wrap gap-2 p-5">
            {company.scopes.map((s) => (
              <Badge key={s}>{s}</Badge>
            ))}
            {company.lastError ? (
              <p className="w-full text-sm text-red-700">Last error: {company.lastError}</p>
            ) : null}
          </div>
        </Card>
      ) : null}
      {configured ? (
        <ConnectCard
          required={scopes.required}
          optional={scopes.optional}
          connected={company?.status === "connected"}
        />
      ) : null}
      <section aria-labelledby="health-heading" className="space-y-3">
        <h2 id="health-heading" className="text-base font-semibold">
          Health per location
        </h2>
        {locations.length === 0 ? (
          <EmptyState title="No locations yet">
            Connect GoHighLevel and approve sub-accounts; they appear here.
          </EmptyState>
        ) : (
          <HealthTable
            rows={locations}
            onDisconnect={confirmDisconnect}
            disconnecting={disconnect.isPending}
          />
        )}
      </section>
      {configured ? <PrivateTokenForm /> : null}
    </div>
  );
};
