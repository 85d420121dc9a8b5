"use client";

import { useQuery } from "@tanstack/react-query";

import { ConnectionStatusBadge } from "../dashboard/connection-status-badge";
import { useTRPC } from "../providers/trpc-provider";
import { Card, CardHeader } from "../ui/card";
import { Skeleton } from "../ui/skeleton";

const VIA: Record<string, string> = {
  agency: "the agency connection",
  location_token: "its own token",
  location_pit: "a private integration token",
};

/** The location's GoHighLevel connection at a glance; the details live in Settings → Connections. */
export const LocationHealthCard = ({ locationId }: { locationId: string }) => {
  const trpc = useTRPC();
  const health = useQuery(trpc.connections.locationHealth.queryOptions({ locationId }));
  return (
    <Card>
      <CardHeader
        title="GoHighLevel"
        description="How this location reaches GoHighLevel."
        action={health.data ? <ConnectionStatusBadge status={health.data.status} /> : null}
      />
      <div className="px-5 py-4 text-sm text-slate-700">
        {health.isPending ? <Skeleton className="h-5 w-64" /> : null}
        {health.isError ? (
          <span className="text-red-700">Status unavailable: {health.error.message}</span>
        ) : null}
        {health.data ? (
          <p>
            {health.data.via
              ? `Connected through ${VIA[health.data.via] ?? health.data.via}.`
              : "Not connected. An agency admin can connect it in Settings → Connections."}
            {health.data.dailyRemaining !== null
              ? ` ${health.data.dailyRemaining.toLocaleString()} GoHighLevel calls left today.`
              : ""}
            {health.data.lastError ? ` Last error: ${health.data.lastError}` : ""}
          </p>
        ) : null}
      </div>
    </Card>
  );
};
