import type { Db } from "../../db/types";
import { AppError } from "../../errors";
import { type OperationContext } from "../../ghl/catalog";
import { locationTarget } from "../../ghl/connections/targets";
import { GhlNotConfiguredError, type GhlRuntime } from "../../ghl/runtime";
import { type GhlContactRecord, toMirrorContact } from "../../sync/contacts/contact-record";
import { upsertMirrorContacts } from "../../sync/contacts/upsert-contacts";
import { type LocationScope, findContactByGhlId, findGhlLocationId } from "./contacts.repo";
import type { TContact } from "./contacts.schemas";

/** What GHL calls for a location need: the runtime and the caller's tenant. */
export type GhlDeps = { db: Db; tenant: LocationScope; ghl: () => Promise<GhlRuntime> };

/** The catalog context for the caller's location (its own token, or one minted for it). */
export const operationContext = async ({ db, tenant, ghl }: GhlDeps): Promise<OperationContext> => {
  const runtime = await ghl().catch((error: unknown) => {
    if (error instanceof GhlNotConfiguredError)
      throw new AppError("GHL_NOT_CONFIGURED", error.message);
    throw error;
  });
  const ghlLocationId = await findGhlLocationId(db, tenant);
  const target = await locationTarget(runtime, tenant.agencyId, {
    id: tenant.locationId,
    ghlLocationId,
  });
  return { http: runtime.http, target, ghlLocationId: ghlLocationId ?? "" };
};

/**
 * Writes GHL's answer to the mirror (the newest version wins, so a webhook that got there first
 * with a newer state is kept) and returns the mirror row.
 */
export const saveToMirror = async (
  db: Db,
  scope: LocationScope,
  record: GhlContactRecord,
): Promise<TContact> => {
  await upsertMirrorContacts(db, [toMirrorContact(scope, record, new Date())]);
  const row = await findContactByGhlId(db, scope, record.id);
  if (!row) throw new Error(`contact ${record.id} is not in the mirror after a write`);
  return row;
};

/** Runs `fn` over items with at most `limit` in flight; results keep the input order. */
export const mapLimited = async <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results = new Array<R>(items.length);
  const queue = items.map((item, index) => ({ item, index }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      results[job.index] = await fn(job.item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
