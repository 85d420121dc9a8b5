import type { Db } from "../../db/types";
import type { AgencyTenant } from "../../tenancy";
import { hourlyCounts, queueDepth, rejectedDeliveries, windowTotals } from "./webhooks-stats.repo";
import type { TWebhookStats, TWebhookStatsInput } from "./webhooks.schemas";
import { scopeFor } from "./webhooks.service";

const HOUR_MS = 3_600_000;

/** Every hour of the window, oldest first, with zeros where nothing arrived. */
const fillHours = (
  rows: { hour: number; received: number; processed: number; dead: number }[],
  windowHours: number,
  now = Date.now(),
) => {
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const last = Math.floor(now / HOUR_MS);
  const first = Math.floor((now - windowHours * HOUR_MS) / HOUR_MS);
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const hour = first + i;
    const row = byHour.get(hour);
    return {
      hour: new Date(hour * HOUR_MS),
      received: row?.received ?? 0,
      processed: row?.processed ?? 0,
      dead: row?.dead ?? 0,
    };
  });
};

export const getWebhookStats = async (
  deps: { db: Db; tenant: AgencyTenant },
  { locationId, windowHours }: TWebhookStatsInput,
): Promise<TWebhookStats> => {
  const { db } = deps;
  const { access, scope } = await scopeFor(deps, locationId);
  const [totals, depth, hourly, rejected] = await Promise.all([
    windowTotals(db, scope, windowHours),
    queueDepth(db, scope),
    hourlyCounts(db, scope, windowHours),
    // Server-wide figures with no tenant in them: agency admins only.
    access.admin ? rejectedDeliveries(db, windowHours) : null,
  ]);
  return {
    windowHours,
    ...totals,
    queueDepth: depth,
    hourly: fillHours(hourly, windowHours),
    rejected: rejected
      ? { total: rejected.reduce((sum, r) => sum + r.count, 0), byOutcome: rejected }
      : null,
  };
};
