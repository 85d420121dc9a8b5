import { sql } from "drizzle-orm";

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
    const rows = [...byKey.values()].map((group) => {
      const { item } = group[0] as Pending;
      return {
        dedupKey: item.dedupKey,
        ghlType: item.ghlType,
        eventType: item.eventType,
        ghlLocationId: item.ghlLocationId,
        ghlCompanyId: item.ghlCompanyId,
        ghlObjectId: item.ghlObjectId,
        rawBody: item.rawBody,
        headers: item.headers,
        signatureScheme: item.signatureScheme,
        eventAt: item.eventAt,
        status: item.ignoredReason ? ("ignored" as const) : ("received" as const),
        ignoredReason: item.ignoredReason,
        duplicates: group.length - 1,
      };
    });
    const returned = await db
      .insert(t)
      .values(rows)
      .onConflictDoUpdate({
        target: [t.provider, t.dedupKey],
        set: { duplicates: sql`${t.duplicates} + excluded.duplicates + 1` },
      })
      .returning({
        id: t.id,
        dedupKey: t.dedupKey,
        ghlLocationId: t.ghlLocationId,
        status: t.status,
        inserted: sql<boolean>`(xmax = 0)`,
      });
    const inserted: StoredEvent[] = [];
    for (const row of returned) {
      const group = byKey.get(row.dedupKey) ?? [];
      group.forEach((pending, index) => {
        const stored = {
          id: row.id,
          inserted: row.inserted && index === 0,
          ghlLocationId: row.ghlLocationId,
        };
        if (stored.inserted && row.status === "received") inserted.push(stored);
        pending.resolve(stored);
      });
      byKey.delete(row.dedupKey);
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
