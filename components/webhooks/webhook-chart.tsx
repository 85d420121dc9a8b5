"use client";

import { Area, Bar, ComposedChart, Legend } from "recharts";

import { TimeAxisChart } from "../charts/time-axis-chart";

type Point = { hour: Date; received: number; processed: number; dead: number };

const hourLabel = new Intl.DateTimeFormat(undefined, { hour: "numeric" });
const dayHourLabel = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "numeric",
});

const summary = (points: Point[], windowHours: number) => {
  const total = (key: "received" | "processed" | "dead") =>
    points.reduce((sum, p) => sum + p[key], 0);
  const busiest = points.reduce<Point | null>(
    (best, p) => (p.received > (best?.received ?? 0) ? p : best),
    null,
  );
  return (
    `Webhooks per hour over the last ${windowHours} hours: ${total("received")} received, ` +
    `${total("processed")} processed, ${total("dead")} dead.` +
    (busiest ? ` Busiest hour: ${dayHourLabel.format(busiest.hour)} (${busiest.received}).` : "")
  );
};

/** Received, processed and dead per receipt hour; the figure's text says the same for screen readers. */
export const WebhookChart = ({ points, windowHours }: { points: Point[]; windowHours: number }) => {
  const data = points.map((p) => ({ ...p, time: p.hour.getTime() }));
  return (
    <figure className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <figcaption className="text-sm font-medium text-slate-900">Per hour</figcaption>
      <p className="sr-only">{summary(points, windowHours)}</p>
      <TimeAxisChart
        chart={ComposedChart}
        data={data}
        className="mt-2 h-48"
        tickFormat={windowHours > 48 ? dayHourLabel : hourLabel}
        tooltipFormat={dayHourLabel}
      >
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area
          dataKey="received"
          name="Received"
          type="monotone"
          stroke="#4f46e5"
          fill="#c7d2fe"
          isAnimationActive={false}
        />
        <Area
          dataKey="processed"
          name="Processed"
          type="monotone"
          stroke="#059669"
          fill="#a7f3d0"
          fillOpacity={0.6}
          isAnimationActive={false}
        />
        <Bar dataKey="dead" name="Dead" fill="#dc2626" isAnimationActive={false} />
      </TimeAxisChart>
    </figure>
  );
};
