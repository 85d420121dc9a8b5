import { and, gte, inArray, sql } from "drizzle-orm";

import { webhookEvents as t, webhookIntakeDaily } from "../../db/schema";
import type { Db } from "../../db/types";
import { type EventScope, inScope } from "./webhooks.repo";

const since = (hours: number) => sql`now() - make_interval(hours => ${hours})`;
const count = (condition: ReturnType<typeof sql>) =>
  sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
const latency = sql`extract(epoch from (${t.processedAt} - ${t.receivedAt})) * 1000`;
// A replay moves processed_at, so only first runs measure receipt → processed.
const firstRun = sql`${t.status} = 'processed' and ${t.replays} = 0`;
const percentile = (p: number) =>
  sql<
    number | null
  >`(percentile_cont(${p}) within group (order by ${latency}) filter (where ${firstRun}))::float8`;

/** Figures for the events received in the window, by their current status. */
export const windowTotals = async (db: Db, scope: EventScope, hours: number) => {
  const [row] = await db
    .select({
      received: sql<number>`count(*)`.mapWith(Number),
      duplicates: sql<number>`coalesce(sum(${t.duplicates}), 0)`.mapWith(Number),
      processed: count(sql`${t.status} = 'processed'`),
      ignored: count(sql`${t.status} = 'ignored'`),
      failed: count(sql`${t.status} = 'failed'`),
      dead: count(sql`${t.status} = 'dead'`),
      p50Ms: percentile(0.5),
      p95Ms: percentile(0.95),
    })
    .from(t)
    .where(and(inScope(scope), gte(t.receivedAt, since(hours))));
  if (!row) throw new Error("an aggregate returned no row");
  return row;
};

/** Events still to process, whenever they arrived. */
export const queueDepth = async (db: Db, scope: EventScope) => {
  const [row] = await db
    .select({ depth: sql<number>`count(*)`.mapWith(Number) })
    .from(t)
    .where(and(inScope(scope), inArray(t.status, ["received", "processing", "failed"])));
  return row?.depth ?? 0;
};

const hourOf = sql<number>`floor(extract(epoch from ${t.receivedAt}) / 3600)`.mapWith(Number);

/** Per receipt hour (UTC epoch hours), with each event's current status. */
export const hourlyCounts = (db: Db, scope: EventScope, hours: number) =>
  db
    .select({
      hour: hourOf,
      received: sql<number>`count(*)`.mapWith(Number),
      processed: count(sql`${t.status} = 'processed'`),
      dead: count(sql`${t.status} = 'dead'`),
    })
    .from(t)
    .where(and(inScope(scope), gte(t.receivedAt, since(hours))))
    .groupBy(hourOf)
    .orderBy(hourOf);

/** Refused deliveries on the UTC days the window touches; the tally has no tenant. */
export const rejectedDeliveries = (db: Db, hours: number) =>
  db
    .select({
      outcome: webhookIntakeDaily.outcome,
      count: sql<number>`sum(${webhookIntakeDaily.count})`.mapWith(Number),
    })
    .from(webhookIntakeDaily)
    .where(
      gte(
        webhookIntakeDaily.day,
        sql`((now() at time zone 'UTC') - make_interval(hours => ${hours}))::date`,
      ),
    )
    .groupBy(webhookIntakeDaily.outcome)
    .orderBy(webhookIntakeDaily.outcome);
