import { type SQL, sql } from "drizzle-orm";

import { ghlRateLimits as t } from "../db/schema";
import type { Db } from "../db/types";

type Restamp = { grantedAt: string; answeredAt: number; done: (error?: Error) => void };

export type RestampsDeps = {
  db: Db;
  /** The row's hits still in the window (SQL over `ghl_rate_limits.hits`). */
  live: SQL;
  /**
   * How long answers gather before they are written. A grant's stamp only has to move before it
   * would leave the window (a window after the grant), so waiting a fraction of one is safe, and
   * it turns one UPDATE per answer into one per interval for every resource at once.
   */
  gatherMs: number;
  now: () => number;
};

/**
 * Moves each answered grant's stamp to the moment its answer came back (the database clock less
 * the time the answer waited here), in one UPDATE for every resource with answers pending. A grant
 * that already left the window comes back in: its request may have arrived only now.
 */
export const createRestamps = ({ db, live, gatherMs, now }: RestampsDeps) => {
  let pending = new Map<string, Restamp[]>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const write = async (batch: Map<string, Restamp[]>) => {
    const flushedAt = now();
    const keys = [...batch.keys()];
    const rows = [...batch].map(([resourceKey, items]) => {
      const grants = sql.join(
        items.map((r) => sql`${r.grantedAt}::timestamptz`),
        sql`, `,
      );
      const ago = sql.join(
        items.map((r) => sql`${Math.max(0, flushedAt - r.answeredAt)}::float8`),
        sql`, `,
      );
      return sql`(${resourceKey}, array[${grants}], array[${ago}])`;
    });
    // Rows are locked in key order first: two processes updating overlapping sets in different
    // orders could otherwise deadlock.
    await db.execute(sql`
      with locked as (
        select ${t.resourceKey} as resource_key from ${t}
        where ${t.resourceKey} in (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})
        order by ${t.resourceKey} for update
      )
      update ${t} set
        hits = array(select h from unnest(${live}) h where h <> all(v.grants) order by h)
          || array(select clock_timestamp() - a * interval '1 millisecond' from unnest(v.ago) a),
        updated_at = clock_timestamp()
      from (values ${sql.join(rows, sql`, `)}) as v(resource_key, grants, ago)
      where ${t.resourceKey} = v.resource_key
        and ${t.resourceKey} in (select resource_key from locked)`);
  };

  const flush = async () => {
    timer = null;
    const batch = pending;
    pending = new Map();
    if (batch.size === 0) return;
    const error = await write(batch).then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e : new Error("restamping GHL grants failed")),
    );
    for (const items of batch.values()) for (const r of items) r.done(error);
  };

  return {
    /** Resolves once the new stamp is written. */
    add(resourceKey: string, grantedAt: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const items = pending.get(resourceKey) ?? [];
        items.push({
          grantedAt,
          answeredAt: now(),
          done: (error) => (error === undefined ? resolve() : reject(error)),
        });
        pending.set(resourceKey, items);
        timer ??= setTimeout(() => void flush(), gatherMs);
      });
    },
  };
};
