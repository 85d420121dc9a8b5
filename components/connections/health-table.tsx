"use client";

import { ConnectionStatusBadge } from "../dashboard/connection-status-badge";

type Row = {
  locationId: string;
  name: string;
  status: string;
  via: string | null;
  expiresAt: Date | null;
  lastRefreshedAt: Date | null;
  lastError: string | null;
  dailyRemaining: number | null;
  dailyLimit: number | null;
  breaker: string;
  connectionId: string | null;
};

const VIA: Record<string, string> = {
  agency: "Agency connection",
  location_token: "Sub-account token",
  location_pit: "Private token",
};

const relative = (date: Date | null) => {
  if (!date) return "—";
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  return Math.abs(minutes) < 90
    ? format.format(minutes, "minute")
    : format.format(Math.round(minutes / 60), "hour");
};

const Quota = ({ remaining, limit }: { remaining: number | null; limit: number | null }) => {
  if (remaining === null || !limit) return <span className="text-slate-500">—</span>;
  const share = Math.max(0, Math.min(1, remaining / limit));
  return (
    <div
      className="w-32"
      title={`${remaining.toLocaleString()} of ${limit.toLocaleString()} calls left today`}
    >
      <div
        className="h-1.5 rounded bg-slate-200"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={remaining}
        aria-label="GoHighLevel calls left today"
      >
        <div
          className={`h-1.5 rounded ${share < 0.1 ? "bg-red-500" : "bg-emerald-500"}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <span className="text-xs text-slate-600 tabular-nums">{remaining.toLocaleString()} left</span>
    </div>
  );
};

export const HealthTable = ({
  rows,
  onDisconnect,
  disconnecting,
}: {
  rows: Row[];
  onDisconnect: (connectionId: string, name: string) => void;
  disconnecting: boolean;
}) => (
  <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
        <tr>
          <th scope="col" className="px-4 py-2">
            Location
          </th>
          <th scope="col" className="px-4 py-2">
            Status
          </th>
          <th scope="col" className="px-4 py-2">
            Through
          </th>
          <th scope="col" className="px-4 py-2">
            Token expires
          </th>
          <th scope="col" className="px-4 py-2">
            Last refresh
          </th>
          <th scope="col" className="px-4 py-2">
            Today&apos;s GHL quota
          </th>
          <th scope="col" className="px-4 py-2">
            Last error
          </th>
          <th scope="col" className="px-4 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.locationId}>
            <th scope="row" className="px-4 py-3 text-left font-medium">
              {row.name}
            </th>
            <td className="px-4 py-3">
              <ConnectionStatusBadge status={row.status} />
              {row.breaker !== "closed" ? (
                <span className="ml-2 text-xs text-amber-700">calls paused</span>
              ) : null}
            </td>
            <td className="px-4 py-3 text-slate-700">{row.via ? VIA[row.via] : "—"}</td>
            <td className="px-4 py-3 text-slate-700" suppressHydrationWarning>
              {row.expiresAt ? relative(row.expiresAt) : row.via === "location_pit" ? "never" : "—"}
            </td>
            <td className="px-4 py-3 text-slate-700" suppressHydrationWarning>
              {relative(row.lastRefreshedAt)}
            </td>
            <td className="px-4 py-3">
              <Quota remaining={row.dailyRemaining} limit={row.dailyLimit} />
            </td>
            <td
              className="max-w-xs truncate px-4 py-3 text-xs text-slate-600"
              title={row.lastError ?? undefined}
            >
              {row.lastError ?? "—"}
            </td>
            <td className="px-4 py-3 text-right">
              {row.connectionId && row.status !== "disconnected" ? (
                <button
                  type="button"
                  disabled={disconnecting}
                  className="rounded px-2 py-1 text-xs text-red-700 ring-1 ring-red-200 hover:bg-red-50"
                  onClick={() => onDisconnect(row.connectionId ?? "", row.name)}
                >
                  Disconnect
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
