"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef } from "react";

import type { TSyncRun, TSyncStatus } from "~/server/domains/sync/sync.schemas";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Skeleton } from "../ui/skeleton";
import { KIND_LABELS, TRIGGER_LABELS, formatCount, formatDateTime, fromNow } from "./format";
import { SyncRunsTable } from "./sync-runs-table";

const FREQUENCY_LABELS = {
  realtime: "webhooks, reconciled every 15 minutes",
  hourly: "every hour",
  daily: "every day",
} as const;

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <dt className="text-xs font-medium text-slate-600">{label}</dt>
    <dd className="mt-1 text-sm text-slate-900">{children}</dd>
  </div>
);

const StateBadge = ({ status }: { status: TSyncStatus }) => {
  if (!["connected", "expiring"].includes(status.connectionStatus))
    return <Badge>Not connected</Badge>;
  if (status.current?.stalled) return <Badge tone="yellow">Stalled</Badge>;
  if (status.current) return <Badge tone="indigo">Syncing</Badge>;
  if (status.queued) return <Badge tone="yellow">Queued</Badge>;
  if (status.lastFinished?.status === "failed") return <Badge tone="red">Last sweep failed</Badge>;
  if (!status.backfilledAt) return <Badge>Not backfilled yet</Badge>;
  return <Badge tone="green">Up to date</Badge>;
};

/** The running sweep: a bar when GHL told us how much there is to read, else a count. */
const Progress = ({ run }: { run: TSyncRun }) => {
  const percent =
    run.expected && run.expected > 0
      ? Math.min(100, Math.round((run.scanned / run.expected) * 100))
      : null;
  const label = `${KIND_LABELS[run.kind]} (${TRIGGER_LABELS[run.trigger] ?? run.trigger})`;
  return (
    <div className="space-y-2 rounded-md bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-900">{label}</span>
        <span className="text-slate-600 tabular-nums" aria-live="polite">
          {formatCount(run.scanned)}
          {run.expected !== null ? ` of ~${formatCount(run.expected)}` : ""} contacts read ·{" "}
          {formatCount(run.ghlCalls)} GHL calls · started {fromNow(run.startedAt)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? "Starting" : `${percent}%`}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full bg-indigo-600 transition-all ${percent === null ? "w-1/3 animate-pulse" : ""}`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      {run.stalled ? (
        <p className="text-sm text-amber-800">
          This sweep stopped responding {fromNow(run.heartbeatAt)}. The next sweep takes over from
          its checkpoint; nothing read so far is lost.
        </p>
      ) : null}
    </div>
  );
};

/**
 * The location's contacts mirror: where the sweeps stand, what GHL never sent, the history, and
 * "Sync now" for location admins. Polls quickly while a sweep is queued or running.
 */
export const ContactsSyncCard = ({ locationId }: { locationId: string }) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(
    trpc.sync.status.queryOptions(
      { locationId },
      {
        refetchInterval: (query) => {
          const data = query.state.data;
          return data && (data.current || data.queued) ? 2_000 : 30_000;
        },
      },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() });
  const syncNow = useMutation(trpc.sync.syncNow.mutationOptions({ onSettled: refresh }));

  const data = status.data;
  const busy = Boolean(data && (data.current || data.queued));
  // When a sweep ends, the history shows its final figures at once, not at the next slow poll.
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy)
      void queryClient.invalidateQueries({ queryKey: trpc.sync.runs.pathKey() });
    wasBusy.current = busy;
  }, [busy, queryClient, trpc]);
  const connected = data ? ["connected", "expiring"].includes(data.connectionStatus) : false;
  return (
    <Card role="region" aria-label="Contacts sync">
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            Contacts sync {data ? <StateBadge status={data} /> : null}
          </span>
        }
        description="Backfilled when the location connects, kept current by webhooks, and swept on a schedule to catch what GoHighLevel never sent."
        action={
          data && connected ? (
            <Button
              size="sm"
              onClick={() => syncNow.mutate({ locationId })}
              pending={syncNow.isPending}
              disabled={!data.canSyncNow || data.queued || syncNow.isPending}
              title={
                data.canSyncNow
                  ? "Sweep this location's contacts now"
                  : busy
                    ? "A sweep is already queued or running"
                    : "Only location admins can start a sync"
              }
            >
              Sync now
            </Button>
          ) : null
        }
      />
      <div className="space-y-5 px-5 py-4">
        {status.isPending ? (
          <div className="grid grid-cols-2 gap-4 md:grid-cols-4" aria-busy="true">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-10" />
            ))}
          </div>
        ) : null}
        {status.isError ? (
          <div className="flex flex-wrap items-center gap-3">
            <Alert>Could not load the sync status: {status.error.message}</Alert>
            <Button variant="secondary" size="sm" onClick={() => void status.refetch()}>
              Try again
            </Button>
          </div>
        ) : null}
        {syncNow.isError ? <Alert>{syncNow.error.message}</Alert> : null}
        {data ? (
          <>
            {!connected ? (
              <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-800 ring-1 ring-sky-200 ring-inset">
                This location is not connected to GoHighLevel, so nothing is synced. An agency admin
                can connect it in Settings → Connections.
              </p>
            ) : null}
            {data.current ? <Progress run={data.current} /> : null}
            {data.queued && !data.current ? (
              <p className="text-sm text-slate-600">
                Queued: the sweep starts as soon as a worker is free.
              </p>
            ) : null}
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
              <Fact label="Backfill">
                {data.backfilledAt
                  ? `Done ${formatDateTime(data.backfilledAt)}`
                  : connected
                    ? "Not finished yet"
                    : "—"}
              </Fact>
              <Fact label="Last sweep">
                {data.lastFinished ? (
                  <span title={formatDateTime(data.lastFinished.finishedAt)}>
                    {data.lastFinished.status === "failed" ? "Failed " : ""}
                    {fromNow(data.lastFinished.finishedAt ?? data.lastFinished.startedAt)} ·{" "}
                    {formatCount(data.lastFinished.scanned)} read
                  </span>
                ) : (
                  "None yet"
                )}
              </Fact>
              <Fact label="Next sweep">
                {data.current
                  ? "Running now"
                  : data.nextDueAt
                    ? data.nextDueAt.getTime() <= Date.now()
                      ? "Due now"
                      : `${fromNow(data.nextDueAt)} (${FREQUENCY_LABELS[data.frequency]})`
                    : "—"}
              </Fact>
              <Fact label="Missed by GoHighLevel">
                <span className="tabular-nums">
                  <span className={data.missed.last24h > 0 ? "font-semibold text-amber-800" : ""}>
                    {formatCount(data.missed.last24h)}
                  </span>{" "}
                  today · {formatCount(data.missed.last7d)} in 7 days ·{" "}
                  {formatCount(data.missed.total)} in 90 days
                </span>
              </Fact>
            </dl>
            {data.lastFinished?.status === "failed" && data.lastFinished.error && !data.current ? (
              <Alert>
                The last sweep failed: {data.lastFinished.error} It resumes from its checkpoint at
                the next sweep.
              </Alert>
            ) : null}
            <p className="text-xs text-slate-500">
              &ldquo;Missed&rdquo; counts contacts that changed in GoHighLevel more than two minutes
              before a sweep without a webhook reaching GHL Hub; the sweep repaired them. Deleted
              contacts cannot be seen by a sweep (GoHighLevel&apos;s search does not return them).
            </p>
            <section aria-label="Sync history" className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">History</h3>
              <SyncRunsTable locationId={locationId} busy={busy} />
            </section>
          </>
        ) : null}
      </div>
    </Card>
  );
};
