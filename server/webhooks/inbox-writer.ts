import { sql } from "drizzle-orm";
import { z } from "zod";

import { webhookEvents as t } from "../db/schema";
import type { Db } from "../db/types";

export type InboxItem = {
  dedupKey: string;
  ghlType: string;
  eventType: string | null;
  ghlLocationId: string | null;
  ghlCompanyId: string | null;
  ghlObjectId: string | null;
  rawBody: Uint8Array;
  headers: Record<string, string>;
  signatureScheme: string;
  eventAt: Date | null;
  /** Set when the body is signed but cannot be processed (stored for forensics). */
  ignoredReason: string | null;
};

export type StoredEvent = { id: string; inserted: boolean; ghlLocationId: string | null };

export class InboxUnavailableError extends Error {
  override name = "InboxUnavailableError";
}

type Pending = {
  item: InboxItem;
  resolve: (stored: StoredEvent) => void;
  reject: (error: unknown) => void;
};

export type InboxWriterOptions = {
  db: Db;
  /** Rows per INSERT. */
  maxBatch?: number;
  /** INSERTs in flight at once; requests arriving meanwhile join the next one. */
  maxInFlight?: number;
  /** Past this the caller is told to come back later (GHL retries a 429), committed or not. */
  timeoutMs?: number;
  /** Called with the newly stored rows once their INSERT has committed. */
  onInserted?: (rows: StoredEvent[]) => void;
};

/**
 * Writes deliveries to the inbox with group commit: concurrent requests share one multi-row
 * INSERT … ON CONFLICT, so the database commits once per batch instead of once per webhook. Each
 * caller's promise settles only after the INSERT that holds its row has committed.
 */
const COLUMNS = sql.join(
  [
    t.dedupKey,
    t.ghlType,
    t.eventType,
    t.ghlLocationId,
    t.ghlCompanyId,
    t.ghlObjectId,
    t.rawBody,
    t.headers,
    t.signatureScheme,
    t.eventAt,
    t.status,
    t.ignoredReason,
    t.duplicates,
  ].map((column) => sql.identifier(column.name)),
  sql`, `,
);

const ZInsertedRow = z.object({
  id: z.string(),
  dedup_key: z.string(),
  ghl_location_id: z.string().nullable(),
  status: z.string(),
  inserted: z.boolean(),
});

/**
 * One multi-row INSERT … ON CONFLICT, written as SQL: the query builder spent more CPU than the rest
 * of intake on a batch's values. Returns the row of every dedup key, new or already there.
 */
const insertRows = async (db: Db, rows: { item: InboxItem; count: number }[]) => {
  const values = sql.join(
    rows.map(
      ({ item, count }) =>
        sql`(${item.dedupKey}, ${item.ghlType}, ${item.eventType}, ${item.ghlLocationId}, ${item.ghlCompanyId}, ${item.ghlObjectId}, ${item.rawBody}, ${JSON.stringify(item.headers)}::jsonb, ${item.signatureScheme}, ${item.eventAt?.toISOString() ?? null}::timestamptz, ${item.ignoredReason ? "ignored" : "received"}::webhook_status, ${item.ignoredReason}, ${count - 1}::int)`,
    ),
    sql`, `,
  );
  const result: unknown = await db.execute(sql`
    insert into ${t} (${COLUMNS}) values ${values}
    on conflict (${sql.identifier(t.provider.name)}, ${sql.identifier(t.dedupKey.name)})
    do update set ${sql.identifier(t.duplicates.name)} = ${t.duplicates} + excluded.duplicates + 1
    returning id, dedup_key, ghl_location_id, status, (xmax = 0) as inserted`);
  // postgres.js answers an array of rows, PGlite `{ rows }`.
  const list = Array.isArray(result)
    ? result
    : z.object({ rows: z.array(z.unknown()) }).parse(result).rows;
  return list.map((row) => ZInsertedRow.parse(row));
};

export const createInboxWriter = ({
  db,
  maxBatch = 250,
  maxInFlight = 2,
  timeoutMs = 2_000,
  onInserted,
}: InboxWriterOptions) => {
  const queue: Pending[] = [];
  let inFlight = 0;

  const insert = async (batch: Pending[]) => {
    // One row per dedup key: ON CONFLICT cannot touch the same row twice in one statement.
    const byKey = new Map<string, Pending[]>();
    for (const pending of batch) {
      const group = byKey.get(pending.item.dedupKey);
      if (group) group.push(pending);
      else byKey.set(pending.item.dedupKey, [pending]);
    }
    const returned = await insertRows(
      db,
      [...byKey.values()].map((group) => ({
        item: (group[0] as Pending).item,
        count: group.length,
      })),
    );
    const inserted: StoredEvent[] = [];
    for (const row of returned) {
      const group = byKey.get(row.dedup_key) ?? [];
      group.forEach((pending, index) => {
        const stored = {
          id: row.id,
          inserted: row.inserted && index === 0,
          ghlLocationId: row.ghl_location_id,
        };
        if (stored.inserted && row.status === "received") inserted.push(stored);
        pending.resolve(stored);
      });
      byKey.delete(row.dedup_key);
    }
    for (const group of byKey.values()) {
      for (const pending of group) pending.reject(new Error("the inbox returned no row"));
    }
    if (inserted.length > 0) onInserted?.(inserted);
  };

  const flush = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new InboxUnavailableError(`inbox insert took over ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      Promise.race([insert(batch), timeout])
        .catch((error: unknown) => {
          const reason =
            error instanceof InboxUnavailableError
              ? error
              : new InboxUnavailableError("the inbox could not be written", { cause: error });
          for (const pending of batch) pending.reject(reason);
        })
        .finally(() => {
          clearTimeout(timer);
          inFlight--;
          flush();
        });
    }
  };

  return {
    /** Resolves once the row (or the existing one with this dedup key) is committed. */
    write: (item: InboxItem) =>
      new Promise<StoredEvent>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        flush();
      }),
  };
};

export type InboxWriter = ReturnType<typeof createInboxWriter>;
