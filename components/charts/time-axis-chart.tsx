import type { ReactNode } from "react";
import {
  type BarChart,
  CartesianGrid,
  type ComposedChart,
  ResponsiveContainer,
  Tooltip,
  type TooltipProps,
  XAxis,
  YAxis,
} from "recharts";

const tick = { fontSize: 11, fill: "#475569" };

/**
 * Counts over time: a time x axis, whole-number y axis, light grid and small tooltip, with the
 * series as children. Hidden from assistive tech, so the caller's figure must say the same in text.
 */
export const TimeAxisChart = ({
  chart: Chart,
  data,
  className,
  tickFormat,
  tooltipFormat,
  tooltipFormatter,
  children,
}: {
  /** Bars alone want BarChart: its hover cursor is the bar's band, not a line. */
  chart: typeof BarChart | typeof ComposedChart;
  data: { time: number }[];
  className: string;
  tickFormat: Intl.DateTimeFormat;
  tooltipFormat: Intl.DateTimeFormat;
  tooltipFormatter?: TooltipProps["formatter"];
  children: ReactNode;
}) => (
  <div className={className} aria-hidden>
    <ResponsiveContainer width="100%" height="100%">
      <Chart
        data={data}
        accessibilityLayer={false}
        margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
      >
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          tickFormatter={(t: number) => tickFormat.format(t)}
          tick={tick}
          minTickGap={24}
        />
        <YAxis allowDecimals={false} tick={tick} />
        <Tooltip
          labelFormatter={(t) => tooltipFormat.format(Number(t))}
          formatter={tooltipFormatter}
          contentStyle={{ fontSize: 12 }}
        />
        {children}
      </Chart>
    </ResponsiveContainer>
  </div>
);
