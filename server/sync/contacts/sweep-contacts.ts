import { and, eq, inArray } from "drizzle-orm";

import { contacts, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import { CATALOG, type OperationContext, runOperation } from "../../ghl/catalog";
import { locationTarget } from "../../ghl/connections/targets";
import { GhlError } from "../../ghl/errors";
import type { GhlRuntime } from "../../ghl/runtime";
import { type GhlContactRecord, toMirrorContact } from "./contact-record";
import {
  type LocationKey,
  LostLeaseError,
  type SweepCounts,
  type SweepCursor,
  acquireSweep,
  adoptSweep,
  finishSweep,
  recordPage,
} from "./sync-runs.repo";
import {
  RETRY_AFTER_FAILURE_MS,
  STALE_AFTER_MS,
  type SyncKind,
  type SyncTrigger,
} from "./sync-schedule";
import { upsertMirrorContacts } from "./upsert-contacts";
import { mirrorHoldsMoreThanGhl, markSeen, tombstoneUnseen } from "./verify-contacts";

/** Records changed this recently may still have their webhook on the way: not judged yet. */
export const WEBHOOK_GRACE_MS = 2 * 60_000;
/** How far before the checkpoint a new sweep starts (clock skew, GHL's search index lag). */
export const CHECKPOINT_OVERLAP_MS = 60_000;
export const PAGE_LIMIT = 100;

type SearchAfter = (string | number)[];
type Hit = GhlContactRecord & { searchAfter?: SearchAfter };

export type SweepDeps = { db: Db; ghl: () => Promise<GhlRuntime> };

export type SweepProgress = { runId: string; kind: SyncKind; counts: SweepCounts; pages: number };

export type SweepOptions = {
  trigger: SyncTrigger;
  /** Continue this run (started by a previous step of the same job) from `resumeAfter`. */
  runId?: string;
  resumeAfter?: SearchAfter;
  /** Stop after this many pages with status "partial"; the run stays open for the next step. */
  maxPages?: number;
  pageLimit?: number;
  graceMs?: number;
  overlapMs?: number;
  staleAfterMs?: number;
  signal?: AbortSignal;
  onPage?: (progress: SweepProgress) => void | Promise<void>;
};

type Done = { runId: string; kind: SyncKind; counts: SweepCounts };
export type SweepOutcome =
  | ({ status: "succeeded" } & Done)
  | ({ status: "partial"; resumeAfter: SearchAfter } & Done)
  | ({ status: "failed"; error: string } & Done)
  | { status: "busy"; runId: string }
  | { status: "lost"; runId: string }
  | { status: "skipped"; reason: string };

const SWEEPABLE = new Set(["connected", "expiring"]);

const findLocation = async (db: Db, key: LocationKey) => {
  const [row] = await db
    .select({ ghlLocationId: locations.ghlLocationId, status: locations.connectionStatus })
    .from(locations)
    .where(and(eq(locations.agencyId, key.agencyId), eq(locations.id, key.locationId)));
  return row ?? null;
};

const countsOf = (run: SweepCounts): SweepCounts => ({
  scanned: run.scanned,
  created: run.created,
  updated: run.updated,
  unchanged: run.unchanged,
  missed: run.missed,
  removed: run.removed,
  ghlCalls: run.ghlCalls,
});

/** The mirror's version of each record, to tell a change no webhook brought from one it did. */
const mirrorVersions = async (db: Db, locationId: string, ghlIds: string[]) => {
  if (ghlIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ ghlId: contacts.ghlId, version: contacts.sourceVersion })
    .from(contacts)
    .where(and(eq(contacts.locationId, locationId), inArray(contacts.ghlId, ghlIds)));
  return new Map(rows.map((r) => [r.ghlId, r.version.getTime()]));
};

const describe = (error: unknown) => {
  if (error instanceof GhlError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
};

const searchAfterOf = (hit: Hit): SearchAfter | undefined =>
  hit.searchAfter ?? (hit.dateUpdated ? [hit.dateUpdated.getTime(), hit.id] : undefined);

/**
 * Sweeps one location's contacts through `POST /contacts/search` in `dateUpdated` order, from its
 * checkpoint to the moment the run started, upserting every page into the mirror (newest version
 * wins) and saving the checkpoint with each page, so a crashed sweep resumes where it stopped. The
 * first sweep is the backfill; later ones reconcile and count as "missed" every record GHL changed
 * longer ago than the webhook grace period that the mirror did not have: a webhook that never came.
 * Search never returns deleted contacts, so a reconcile also compares the mirror's count with GHL's;
 * when the mirror holds more (and weekly) the next sweep is a verify pass: a full read that marks every
 * contact it sees and then tombstones the mirror's contacts GHL no longer has.
 */
export const sweepContacts = async (
  deps: SweepDeps,
  key: LocationKey,
  options: SweepOptions,
): Promise<SweepOutcome> => {
  const { db } = deps;
  const location = await findLocation(db, key);
  if (!location?.ghlLocationId || !SWEEPABLE.has(location.status))
    return { status: "skipped", reason: "The location is not connected to GoHighLevel." };
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;

  const adopted = options.runId ? await adoptSweep(db, key, options.runId, staleAfterMs) : null;
  const lease = adopted
    ? { acquired: true as const, ...adopted }
    : await acquireSweep(db, key, options.trigger, staleAfterMs);
  if (!lease.acquired) return { status: "busy", runId: lease.running.id };
  const { run, state } = lease;
  const checkpoint: SweepCursor | null =
    state.cursorUpdatedAt && state.cursorId
      ? { updatedAt: state.cursorUpdatedAt, id: state.cursorId }
      : null;
  const kind = run.kind;
  let counts = countsOf(run);

  try {
    const runtime = await deps.ghl();
    const ctx: OperationContext = {
      http: runtime.http,
      target: await locationTarget(runtime, key.agencyId, {
        id: key.locationId,
        ghlLocationId: location.ghlLocationId,
      }),
      ghlLocationId: location.ghlLocationId,
    };
    const pageLimit = options.pageLimit ?? PAGE_LIMIT;
    const reconcile = kind === "reconcile";
    const verify = kind === "verify";
    const graceMs = options.graceMs ?? WEBHOOK_GRACE_MS;
    // Reconciles stop short of the grace period, so a record is judged only once its webhook is due.
    // A verify pass reads to the very end: a contact changed while it runs moves behind the cursor
    // and must still be seen, or it would look deleted.
    const bound = verify
      ? Number.POSITIVE_INFINITY
      : run.startedAt.getTime() - (reconcile ? graceMs : 0);
    const from =
      checkpoint && !verify
        ? new Date(checkpoint.updatedAt.getTime() - (options.overlapMs ?? CHECKPOINT_OVERLAP_MS))
        : null;
    let searchAfter = adopted ? options.resumeAfter : undefined;
    let pages = 0;

    for (;;) {
      if (options.signal?.aborted)
        throw new Error("The sweep was stopped (shutdown); the next one resumes from here.");
      if (options.maxPages !== undefined && pages >= options.maxPages && searchAfter)
        return { status: "partial", runId: run.id, kind, counts, resumeAfter: searchAfter };
      const page = await runOperation(CATALOG.searchContacts, ctx, {
        pageLimit,
        sort: [{ field: "dateUpdated", direction: "asc" }],
        ...(from
          ? {
              filters: [
                { field: "dateUpdated", operator: "range", value: { gte: from.toISOString() } },
              ],
            }
          : {}),
        ...(searchAfter ? { searchAfter } : {}),
      });
      pages += 1;
      const hits: Hit[] = [];
      let ended = page.contacts.length < pageLimit;
      for (const hit of page.contacts) {
        if (hit.dateUpdated && hit.dateUpdated.getTime() > bound) {
          ended = true;
          break;
        }
        hits.push(hit);
      }
      const last = hits.findLast((h) => h.dateUpdated);
      const cursor = last?.dateUpdated ? { updatedAt: last.dateUpdated, id: last.id } : null;
      counts = await db.transaction(async (tx) => {
        const known = await mirrorVersions(
          tx,
          key.locationId,
          hits.map((h) => h.id),
        );
        // Absent from the mirror, or older there than in GHL. Only these are written: a search hit
        // lacks some fields a webhook carries, and must not overwrite the same version with less.
        const fresh = hits.filter((h) =>
          h.dateUpdated ? (known.get(h.id) ?? -1) < h.dateUpdated.getTime() : !known.has(h.id),
        );
        // A hit without dateUpdated never overrides a versioned record, but fills a gap.
        const { created, updated } = await upsertMirrorContacts(
          tx,
          fresh.map((h) => toMirrorContact(key, h, new Date(0))),
        );
        if (verify)
          await markSeen(
            tx,
            key.locationId,
            hits.map((h) => h.id),
          );
        const next = {
          ...counts,
          scanned: counts.scanned + hits.length,
          created: counts.created + created,
          updated: counts.updated + updated,
          unchanged: counts.unchanged + hits.length - created - updated,
          // Each of these is a change no webhook brought.
          missed: counts.missed + (reconcile || verify ? fresh.length : 0),
          ghlCalls: counts.ghlCalls + CATALOG.searchContacts.ghlCalls,
        };
        // GHL's total on the first page is what this run has to read: the progress bar's 100%.
        const expected = pages === 1 && !adopted && page.total !== null ? page.total : undefined;
        // A verify pass leaves the reconcile checkpoint where it is.
        await recordPage(tx, key, run.id, next, verify ? null : cursor, expected);
        return next;
      });
      await options.onPage?.({ runId: run.id, kind, counts, pages });
      const lastHit = hits.at(-1);
      if (ended || !lastHit) break;
      const next = searchAfterOf(lastHit);
      if (!next) break;
      if (searchAfter && JSON.stringify(next) === JSON.stringify(searchAfter))
        throw new Error("GoHighLevel's contact search returned the same page twice.");
      searchAfter = next;
    }
    let ghostsLikely = false;
    if (verify) {
      counts = await db.transaction(async (tx) => {
        const removed = await tombstoneUnseen(
          tx,
          key,
          new Date(run.startedAt.getTime() - graceMs),
          run.startedAt,
        );
        const next = { ...counts, removed, missed: counts.missed + removed };
        await recordPage(tx, key, run.id, next, null);
        return next;
      });
    } else if (reconcile) {
      ghostsLikely = await mirrorHoldsMoreThanGhl(db, ctx, key.locationId);
      counts = { ...counts, ghlCalls: counts.ghlCalls + CATALOG.searchContacts.ghlCalls };
      await recordPage(db, key, run.id, counts, null);
    }
    if (!(await finishSweep(db, key, run, { status: "succeeded", ghostsLikely })))
      return { status: "lost", runId: run.id };
    return { status: "succeeded", runId: run.id, kind, counts };
  } catch (error) {
    if (error instanceof LostLeaseError) return { status: "lost", runId: run.id };
    const message = describe(error);
    await finishSweep(db, key, run, {
      status: "failed",
      error: message,
      retryAt: new Date(Date.now() + RETRY_AFTER_FAILURE_MS),
    });
    return { status: "failed", runId: run.id, kind, counts, error: message };
  }
};
