import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { ghlRateLimits as t } from "../db/schema";
import type { Db } from "../db/types";
import { rowsOf } from "../db/execute-rows";
import type { TakeAnswer } from "./grant-line";
import { createRestamps } from "./restamps";
import type { WindowOptions, WindowStore } from "./window-store";

const ZTake = z.object({
  grants: z.array(z.string()),
  pause_ms: z.coerce.number().nullable(),
  leave_ms: z.array(z.coerce.number()),
});

/**
 * The window shared by every process through `ghl_rate_limits` (OUT-1). Each row keeps the request
 * times of the last `windowMs + guardMs`, on the database clock so processes agree. A grant is one
 * conditional UPDATE: under READ COMMITTED a concurrent UPDATE of the same row re-checks its WHERE
 * against the committed row, so two processes never both take the last slot.
 */
export const createSharedWindow = (
  db: Db,
  { burst, windowMs, guardMs, now }: WindowOptions,
): WindowStore => {
  const window = `${windowMs + guardMs} milliseconds`;
  const known = new Set<string>();

  // clock_timestamp(), not now(): now() is the transaction start, which is stale after a lock wait.
  const live = sql`array(select h from unnest(${t.hits}) h where h > clock_timestamp() - ${window}::interval order by h)`;
  const paused = sql`${t.pausedUntil} > clock_timestamp()`;

  const ensureRow = async (resourceKey: string) => {
    if (known.has(resourceKey)) return;
    await db.insert(t).values({ resourceKey }).onConflictDoNothing();
    known.add(resourceKey);
  };

  /**
   * One round trip: take up to `count` slots the window has room for, and say how long until the
   * next one frees (or the pause ends). Grants are stamped after every hit the row holds, a
   * microsecond apart, so each is unique (restamps and drops find them by value) and the RETURNING
   * can tell them apart: `updated_at` is set to the first. `now` is read once, in FROM, so both
   * SET expressions see the same value. The outer SELECT reads the row as it was before the UPDATE,
   * which is what the wait is estimated from.
   */
  const tryTake = async (resourceKey: string, count: number): Promise<TakeAnswer | null> => {
    const firstStamp = sql`greatest(c.now, (select max(h) from unnest(${t.hits}) h) + interval '1 microsecond')`;
    const result = await db.execute(sql`
      with granted as (
        update ${t} set
          hits = ${live} || array(
            select ${firstStamp} + g * interval '1 microsecond'
            from generate_series(0, least(${count}::int, ${burst}::int - cardinality(${live})) - 1) g),
          updated_at = ${firstStamp}
        from (select clock_timestamp() as now) c
        where ${t.resourceKey} = ${resourceKey}
          and not coalesce(${paused}, false)
          and cardinality(${live}) < ${burst}::int
        returning array(select h::text from unnest(${t.hits}) h where h >= ${t.updatedAt} order by h) as grants
      )
      select
        coalesce((select grants from granted), '{}') as grants,
        greatest(0, extract(epoch from ${t.pausedUntil} - clock_timestamp()) * 1000)::float8 as pause_ms,
        array(select (extract(epoch from h + ${window}::interval - clock_timestamp()) * 1000)::float8
              from unnest(${live}) h) as leave_ms
      from ${t} where ${t.resourceKey} = ${resourceKey}`);
    const [row] = ZTake.array().parse(rowsOf(result));
    if (!row) return null;
    // Slot n (0-based, counting those just granted) frees when enough of the oldest hits have left
    // for the count to drop below burst.
    const leaveMs = row.leave_ms;
    const freesIn = (taken: number) => {
      const oldest = leaveMs.length + taken - burst;
      if (oldest < 0) return 0;
      return leaveMs[oldest] ?? windowMs + guardMs;
    };
    const waitMs = Math.max(row.pause_ms ?? 0, freesIn(row.grants.length), 0);
    return row.grants.length > 0
      ? {
          kind: "granted",
          grants: row.grants,
          inWindow: leaveMs.length + row.grants.length,
          waitMs: row.grants.length < count ? waitMs : 0,
        }
      : { kind: "wait", waitMs };
  };

  /** Grants whose callers gave up while the take was in flight: never sent, so not counted. */
  const dropGrants = async (resourceKey: string, grants: string[]) => {
    const stamps = sql.join(
      grants.map((g) => sql`${g}::timestamptz`),
      sql`, `,
    );
    await db
      .update(t)
      .set({
        hits: sql`array(select h from unnest(${live}) h where h <> all(array[${stamps}]) order by h)`,
      })
      .where(eq(t.resourceKey, resourceKey));
  };

  const restamps = createRestamps({
    db,
    live,
    gatherMs: Math.min(Math.max(windowMs / 10, 5), 1_000),
    now,
  });

  /** Adds phantom hits, stamped now, until the window holds `need`. */
  const takeUp = async (resourceKey: string, need: number) => {
    await ensureRow(resourceKey);
    await db
      .update(t)
      .set({
        hits: sql`${live} || array_fill(clock_timestamp(), array[${need}::int - cardinality(${live})])`,
        updatedAt: sql`clock_timestamp()`,
      })
      .where(and(eq(t.resourceKey, resourceKey), sql`cardinality(${live}) < ${need}::int`));
  };

  return {
    async take(resourceKey, count) {
      for (;;) {
        await ensureRow(resourceKey);
        const taken = await tryTake(resourceKey, count);
        if (taken) return taken;
        known.delete(resourceKey);
      }
    },
    drop: dropGrants,
    restamp: (resourceKey, grantedAt) => restamps.add(resourceKey, grantedAt),
    takeUp,
    async pause(resourceKey, pauseMs) {
      await ensureRow(resourceKey);
      await db
        .update(t)
        .set({
          pausedUntil: sql`greatest(${t.pausedUntil}, clock_timestamp() + ${`${pauseMs} milliseconds`}::interval)`,
          updatedAt: sql`clock_timestamp()`,
        })
        .where(eq(t.resourceKey, resourceKey));
    },
    async window(resourceKey) {
      const [row] = await db
        .select({
          inWindow: sql<number>`cardinality(${live})`.mapWith(Number),
          pausedUntil: t.pausedUntil,
          paused: sql<boolean>`coalesce(${paused}, false)`,
        })
        .from(t)
        .where(eq(t.resourceKey, resourceKey));
      return {
        inWindow: row?.inWindow ?? 0,
        pausedUntil: row?.paused ? row.pausedUntil : null,
      };
    },
  };
};
