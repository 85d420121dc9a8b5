"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { RetryAllDead } from "./retry-all-dead";
import { WebhookDetailDialog } from "./webhook-detail-dialog";
import { type Filters, WEBHOOK_STATUSES, WebhookFilters } from "./webhook-filters";
import { WebhookStats } from "./webhook-stats";
import { WebhookTable } from "./webhook-table";

type Status = "received" | "processing" | "processed" | "failed" | "dead" | "ignored";
const isStatus = (value: string): value is Status => WEBHOOK_STATUSES.includes(value);

const useDebounced = <T,>(value: T, ms: number) => {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
};

/**
 * The event log with its figures: agency-wide (with a location filter) or for one location.
 * Refreshes on its own, so events show up as GoHighLevel sends them.
 */
export const WebhookLog = ({
  location,
  isAgencyAdmin = false,
}: {
  location?: { id: string; name: string; role: "admin" | "user" };
  /** Agency-wide "Retry all dead" is for agency owners and admins. */
  isAgencyAdmin?: boolean;
}) => {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({
    status: "",
    type: "",
    locationId: "",
    windowHours: 24,
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const type = useDebounced(filters.type.trim(), 300);
  const locations = useQuery({ ...trpc.locations.list.queryOptions(), enabled: !location });
  const locationId = location?.id ?? (filters.locationId || undefined);
  const events = useInfiniteQuery(
    trpc.webhooks.list.infiniteQueryOptions(
      {
        limit: 50,
        locationId,
        status: isStatus(filters.status) ? filters.status : undefined,
        type: type || undefined,
      },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchInterval: 5_000 },
    ),
  );

  const chosen = locations.data?.find((l) => l.id === locationId);
  const canRetryAll = location
    ? location.role === "admin"
    : chosen
      ? chosen.role === "admin"
      : isAgencyAdmin;
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.status || type || (!location && filters.locationId));

  return (
    <div className="space-y-6">
      <WebhookFilters
        value={filters}
        onChange={setFilters}
        locations={location ? null : (locations.data ?? [])}
      />
      <WebhookStats
        locationId={locationId}
        windowHours={filters.windowHours}
        showRejected={!location}
      />
      <section aria-labelledby="webhook-log-heading" className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="webhook-log-heading" className="text-base font-semibold">
            Events
          </h2>
          {canRetryAll ? (
            <RetryAllDead
              locationId={locationId}
              scopeLabel={location?.name ?? chosen?.name ?? "this agency"}
            />
          ) : null}
        </div>
        {events.isPending ? (
          <div aria-busy="true" aria-label="Loading webhook events" className="space-y-2">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-10" />
            ))}
          </div>
        ) : null}
        {events.isError ? (
          <Alert>Could not load the webhook events: {events.error.message}</Alert>
        ) : null}
        {events.isSuccess && items.length === 0 ? (
          filtered ? (
            <EmptyState title="No webhooks match these filters" />
          ) : (
            <EmptyState title="No webhooks yet — they appear here as GoHighLevel sends them">
              Connect GoHighLevel in Settings → Connections; every event it sends is verified,
              stored and listed here.
            </EmptyState>
          )
        ) : null}
        {items.length > 0 ? (
          <WebhookTable events={items} showLocation={!location} onOpen={setOpenId} />
        ) : null}
        {events.hasNextPage ? (
          <Button
            variant="secondary"
            pending={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Load more
          </Button>
        ) : null}
      </section>
      <WebhookDetailDialog eventId={openId} onClose={() => setOpenId(null)} />
    </div>
  );
};
