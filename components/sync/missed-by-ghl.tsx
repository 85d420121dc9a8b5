"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart } from "recharts";

import type { TMissedOverview } from "~/server/domains/sync/sync.schemas";

import { TimeAxisChart } from "../charts/time-axis-chart";
import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Select } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import { formatCount, fromNow } from "./format";
import { SyncRunBadge } from "./sync-run-badge";

const WINDOWS = [7, 14, 30, 90] as const;
const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

/** One bar per day of the window, zero where no sweep ran. */
const dailySeries = (overview: TMissedOverview) => {
  const byDay = new Map(overview.daily.map((d) => [d.day.toISOString().slice(0, 10), d.missed]));
  const today = new Date();
  return Array.from({ length: overview.days }, (_, i) => {
    const day = new Date(
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate() - (overview.days - 1 - i),
      ),
    );
    return { time: day.getTime(), missed: byDay.get(day.toISOString().slice(0, 10)) ?? 0 };
  });
};

const MissedChart = ({ overview }: { overview: TMissedOverview }) => {
  const data = dailySeries(overview);
  const worst = data.reduce((best, d) => (d.missed > best.missed ? d : best), {
    time: 0,
    missed: 0,
  });
  return (
    <figure>
      <p className="sr-only">
        {`Changes GoHighLevel sent no webhook for, per day over the last ${overview.days} days: ${overview.total} in all.`}
        {worst.missed > 0 ? ` Most on ${dayLabel.format(worst.time)} (${worst.missed}).` : ""}
      </p>
      <TimeAxisChart
        chart={BarChart}
        data={data}
        className="h-40"
        tickFormat={dayLabel}
        tooltipFormat={dayLabel}
        tooltipFormatter={(value) => [value, "Missed"]}
      >
        <Bar dataKey="missed" name="Missed" fill="#d97706" isAnimationActive={false} />
      </TimeAxisChart>
    </figure>
  );
};

/**
 * Agency-wide: per location the caller can open, the contact changes the reconciliation sweeps
 * found that GoHighLevel never sent a webhook for.
 */
export const MissedByGhl = () => {
  const trpc = useTRPC();
  const [days, setDays] = useState<number>(14);
  const overview = useQuery(
    trpc.sync.missedOverview.queryOptions({ days }, { refetchInterval: 60_000 }),
  );
  const data = overview.data;
  const swept = data?.locations.filter((l) => l.runs > 0 || l.lastRunAt) ?? [];
  return (
    <Card>
      <CardHeader
        title="Events missed by GoHighLevel"
        description="Contact changes that never arrived as a webhook; reconciliation sweeps found and repaired them."
        action={
          <Select
            aria-label="Period"
            value={String(days)}
            onChange={(e) => setDays(Number(e.target.value))}
            className="w-40"
          >
            {WINDOWS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </Select>
        }
      />
      <div className="space-y-4 px-5 py-4">
        {overview.isPending ? (
          <div aria-busy="true" aria-label="Loading missed events" className="space-y-3">
            <Skeleton className="h-40" />
            <Skeleton className="h-16" />
          </div>
        ) : null}
        {overview.isError ? (
          <div className="flex flex-wrap items-center gap-3">
            <Alert>Could not load missed events: {overview.error.message}</Alert>
            <Button variant="secondary" size="sm" onClick={() => void overview.refetch()}>
              Try again
            </Button>
          </div>
        ) : null}
        {data && swept.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
            No location has been swept yet. Connected locations are backfilled first, then
            reconciled on their sync schedule.
          </p>
        ) : null}
        {data && swept.length > 0 ? (
          <>
            <p className="text-sm text-slate-700">
              <span className="text-2xl font-semibold text-slate-900 tabular-nums">
                {formatCount(data.total)}
              </span>{" "}
              missed in the last {data.days} days across {swept.length} swept location
              {swept.length === 1 ? "" : "s"}.
            </p>
            <MissedChart overview={data} />
            {/* A list, not a table or links: the locations table above is the way into each. */}
            <ul
              aria-label="Missed events per location, most first"
              className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200"
            >
              {swept.map((l) => (
                <li
                  key={l.locationId}
                  className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 text-sm"
                >
                  <span className="min-w-40 flex-1 font-medium text-slate-900">{l.name}</span>
                  <span
                    className={`tabular-nums ${l.missed > 0 ? "font-semibold text-amber-800" : "text-slate-700"}`}
                  >
                    {formatCount(l.missed)} missed
                  </span>
                  <span className="text-slate-600 tabular-nums">
                    {formatCount(l.runs)} sweep{l.runs === 1 ? "" : "s"}
                  </span>
                  <span className="flex items-center gap-2 whitespace-nowrap text-slate-600">
                    {l.lastStatus ? (
                      <SyncRunBadge run={{ status: l.lastStatus, stalled: false }} />
                    ) : null}
                    {l.lastRunAt ? `swept ${fromNow(l.lastRunAt)}` : "not swept yet"}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Card>
  );
};
