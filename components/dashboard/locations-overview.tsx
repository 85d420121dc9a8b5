"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Input } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import { ConnectionStatusBadge } from "./connection-status-badge";

const localTime = (timezone: string) => {
  try {
    return new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hour: "numeric",
      minute: "2-digit",
    }).format(new Date());
  } catch {
    return null;
  }
};

const Stat = ({ label, value }: { label: string; value: number }) => (
  <div className="rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200">
    <dt className="text-xs font-medium text-slate-600">{label}</dt>
    <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
  </div>
);

export const LocationsOverview = ({
  isAdmin,
  lastLocationId,
}: {
  isAdmin: boolean;
  lastLocationId: string | null;
}) => {
  const trpc = useTRPC();
  const {
    data: locations,
    isPending,
    isError,
    error,
    refetch,
  } = useQuery(trpc.locations.list.queryOptions());
  const [filter, setFilter] = useState("");

  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!locations || !q) return locations ?? [];
    return locations.filter((l) =>
      `${l.name} ${l.city ?? ""} ${l.country ?? ""} ${l.timezone}`.toLowerCase().includes(q),
    );
  }, [locations, filter]);

  if (isPending) {
    return (
      <div className="space-y-4" aria-busy="true" aria-label="Loading locations">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-18" />
          ))}
        </div>
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (isError) {
    return (
      <div className="space-y-3">
        <Alert>Could not load your locations: {error.message}</Alert>
        <Button variant="secondary" onClick={() => void refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (locations.length === 0) {
    return (
      <EmptyState title={isAdmin ? "No locations yet" : "No locations shared with you yet"}>
        {isAdmin
          ? "Your agency's GoHighLevel sub-accounts appear here once GoHighLevel is connected."
          : "Ask an owner or admin of your agency to give you access to the locations you work on."}
      </EmptyState>
    );
  }

  const count = (status: string) => locations.filter((l) => l.connectionStatus === status).length;
  const last = locations.find((l) => l.id === lastLocationId);

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Locations" value={locations.length} />
        <Stat label="Connected" value={count("connected") + count("expiring")} />
        <Stat label="Need attention" value={count("needs_reauth") + count("disconnected")} />
        <Stat label="Not connected" value={count("not_connected")} />
      </dl>
      {last ? (
        <p className="text-sm text-slate-600">
          Continue where you left off:{" "}
          <Link
            href={`/locations/${last.id}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            {last.name}
          </Link>
        </p>
      ) : null}
      <div className="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <h2 className="text-sm font-semibold">All locations</h2>
          <Input
            type="search"
            aria-label="Filter locations"
            placeholder="Filter by name, city or time zone"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="max-w-xs"
          />
        </div>
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">
                Location
              </th>
              <th scope="col" className="px-4 py-2">
                Time zone
              </th>
              <th scope="col" className="px-4 py-2">
                GoHighLevel
              </th>
              <th scope="col" className="px-4 py-2">
                Your access
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((location) => (
              <tr key={location.id} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  <Link
                    href={`/locations/${location.id}`}
                    className="font-medium text-slate-900 hover:text-indigo-700"
                  >
                    {location.name}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {[location.city, location.country].filter(Boolean).join(", ") || "—"}
                  </span>
                </td>
                <td className="px-4 py-3 text-slate-700">
                  {location.timezone}
                  <span className="block text-xs text-slate-500" suppressHydrationWarning>
                    {localTime(location.timezone)} local
                  </span>
                </td>
                <td className="px-4 py-3">
                  <ConnectionStatusBadge status={location.connectionStatus} />
                </td>
                <td className="px-4 py-3">
                  <Badge tone={location.role === "admin" ? "indigo" : "gray"}>
                    {location.role}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {visible.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-slate-600">
            No location matches “{filter}”.
          </p>
        ) : null}
      </div>
    </div>
  );
};
