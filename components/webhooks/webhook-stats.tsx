"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Skeleton } from "../ui/skeleton";
import { formatCount, formatLatency } from "./format";
import { WebhookChart } from "./webhook-chart";

const REJECTED_LABELS: Record<string, string> = {
  rejected_signature: "bad signature",
  rejected_stale: "stale",
  too_large: "oversize",
  read_timeout: "read timeout",
  throttled: "throttled",
};

const Stat = ({
  label,
  value,
  hint,
  tone = "default",
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "default" | "bad";
}) => (
  <div className="rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200">
    <dt className="text-xs font-medium text-slate-600">{label}</dt>
    <dd
      className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "bad" ? "text-red-700" : "text-slate-900"}`}
    >
      {value}
    </dd>
    {hint ? <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd> : null}
  </div>
);

export const WebhookStats = ({
  locationId,
  windowHours,
  showRejected,
}: {
  locationId?: string;
  windowHours: number;
  showRejected: boolean;
}) => {
  const trpc = useTRPC();
  const stats = useQuery(
    trpc.webhooks.stats.queryOptions({ locationId, windowHours }, { refetchInterval: 10_000 }),
  );
  if (stats.isPending) {
    return (
      <div className="space-y-4" aria-busy="true" aria-label="Loading webhook figures">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
        <Skeleton className="h-60" />
      </div>
    );
  }
  if (stats.isError) return <Alert>Could not load the figures: {stats.error.message}</Alert>;
  const s = stats.data;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat
          label="Received"
          value={formatCount(s.received)}
          hint={`${formatCount(s.duplicates)} duplicate deliveries`}
        />
        <Stat
          label="Processed"
          value={formatCount(s.processed)}
          hint={`${formatCount(s.ignored)} ignored`}
        />
        <Stat
          label="Dead"
          value={formatCount(s.dead)}
          tone={s.dead > 0 ? "bad" : "default"}
          hint={`${formatCount(s.failed)} failed, retrying`}
        />
        <Stat
          label="Queue depth"
          value={formatCount(s.queueDepth)}
          hint="waiting or retrying now"
        />
        <Stat
          label="P95 latency"
          value={formatLatency(s.p95Ms)}
          hint={`p50 ${formatLatency(s.p50Ms)} · receipt → processed`}
        />
      </dl>
      <WebhookChart points={s.hourly} windowHours={s.windowHours} />
      {showRejected && s.rejected ? (
        <div className="rounded-lg bg-white px-4 py-3 text-sm ring-1 ring-slate-200">
          <p className="font-medium text-slate-900">
            Rejected deliveries (all agencies on this server; signatures, stale, oversize):{" "}
            <span className="tabular-nums">{formatCount(s.rejected.total)}</span>
          </p>
          {s.rejected.byOutcome.length > 0 ? (
            <p className="mt-1 text-xs text-slate-600">
              {s.rejected.byOutcome
                .map((r) => `${REJECTED_LABELS[r.outcome] ?? r.outcome}: ${formatCount(r.count)}`)
                .join(" · ")}
              . Counted per UTC day, so the figure covers whole days.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
};
