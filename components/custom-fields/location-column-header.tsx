"use client";

import { useMutation } from "@tanstack/react-query";

import { ConnectionStatusBadge } from "../dashboard/connection-status-badge";
import { useTRPC } from "../providers/trpc-provider";
import { Button } from "../ui/button";
import { syncedLabel } from "./format";
import { type LocationColumn, useInvalidateCustomFields } from "./use-custom-fields";

const REFRESHABLE = new Set(["connected", "expiring"]);

/** A location's column head: its name, when its fields were read, and a button to read them now. */
export const LocationColumnHeader = ({ location }: { location: LocationColumn }) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateCustomFields();
  const refresh = useMutation(trpc.customFields.refresh.mutationOptions({ onSettled: invalidate }));
  const canRefresh = REFRESHABLE.has(location.connectionStatus);
  const error = refresh.error?.message ?? location.refreshError;

  return (
    <th scope="col" className="min-w-48 px-3 py-2 align-top font-medium">
      <div className="text-sm text-slate-900">{location.locationName}</div>
      {!canRefresh ? (
        <div className="mt-1">
          <ConnectionStatusBadge status={location.connectionStatus} />
        </div>
      ) : null}
      <div className="mt-1 text-xs font-normal text-slate-500" suppressHydrationWarning>
        {syncedLabel(location.lastSyncedAt)} · {location.fields.length} field
        {location.fields.length === 1 ? "" : "s"}
      </div>
      {error ? (
        <p className="mt-1 max-w-56 text-xs font-normal text-red-700" role="status">
          {error}
        </p>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        className="mt-2"
        pending={refresh.isPending}
        disabled={!canRefresh || refresh.isPending}
        aria-label={`Refresh fields of ${location.locationName} from GoHighLevel`}
        onClick={() => refresh.mutate({ locationId: location.locationId })}
      >
        Refresh
      </Button>
    </th>
  );
};
