"use client";

import { useInfiniteQuery } from "@tanstack/react-query";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Skeleton } from "../ui/skeleton";
import { KIND_LABELS, TRIGGER_LABELS, formatCount, formatDateTime, formatDuration } from "./format";
import { SyncRunBadge } from "./sync-run-badge";

const HEADINGS = [
  "Started",
  "Sweep",
  "Status",
  "Read",
  "New",
  "Updated",
  "Missed by GHL",
  "GHL calls",
  "Took",
];

/** The location's sweeps, newest first, 10 at a time. */
export const SyncRunsTable = ({ locationId, busy }: { locationId: string; busy: boolean }) => {
  const trpc = useTRPC();
  const runs = useInfiniteQuery(
    trpc.sync.runs.infiniteQueryOptions(
      { locationId, limit: 10 },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        refetchInterval: busy ? 3_000 : 60_000,
      },
    ),
  );
  if (runs.isPending) {
    return (
      <div className="space-y-2" aria-busy="true" aria-label="Loading sync history">
        <Skeleton className="h-8" />
        <Skeleton className="h-8" />
        <Skeleton className="h-8" />
      </div>
    );
  }
  if (runs.isError) return <Alert>Could not load the sync history: {runs.error.message}</Alert>;
  const items = runs.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
        No sweeps yet. The first one backfills every contact of this location; later ones reconcile
        what webhooks missed.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Contact sync runs, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              {HEADINGS.map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2 whitespace-nowrap">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {items.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                  {formatDateTime(run.startedAt)}
                </td>
                <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                  {KIND_LABELS[run.kind]}
                  <span className="font-normal text-slate-500">
                    {" "}
                    · {TRIGGER_LABELS[run.trigger] ?? run.trigger}
                  </span>
                </th>
                <td className="px-3 py-2">
                  <SyncRunBadge run={run} />
                  {run.error ? (
                    <div
                      className="mt-1 max-w-xs truncate text-xs text-slate-500"
                      title={run.error}
                    >
                      {run.error}
                    </div>
                  ) : null}
                </td>
                <td className="px-3 py-2">{formatCount(run.scanned)}</td>
                <td className="px-3 py-2">{formatCount(run.created)}</td>
                <td className="px-3 py-2">{formatCount(run.updated)}</td>
                <td
                  className={`px-3 py-2 ${run.missed > 0 ? "font-semibold text-amber-800" : ""}`}
                  title={
                    run.removed > 0
                      ? `${formatCount(run.removed)} deleted in GoHighLevel without a delete event`
                      : undefined
                  }
                >
                  {run.kind === "backfill" ? "—" : formatCount(run.missed)}
                  {run.removed > 0 ? (
                    <span className="font-normal"> ({formatCount(run.removed)} deleted)</span>
                  ) : null}
                </td>
                <td className="px-3 py-2">{formatCount(run.ghlCalls)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {formatDuration(run.startedAt, run.finishedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {runs.hasNextPage ? (
        <Button
          variant="secondary"
          size="sm"
          pending={runs.isFetchingNextPage}
          onClick={() => void runs.fetchNextPage()}
        >
          Older sweeps
        </Button>
      ) : null}
    </div>
  );
};
