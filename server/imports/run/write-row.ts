import { and, eq, isNull } from "drizzle-orm";

import { contacts } from "../../db/schema";
import type { Db } from "../../db/types";
import { CATALOG, type OperationContext, runOperation } from "../../ghl/catalog";
import type { ContactPayload } from "../mapping/row-to-contact";
import type { GhlContactRecord } from "../../sync/contacts/contact-record";
import { recordedContactIds, type ClaimedRow } from "./import-rows.repo";

export type WriteScope = {
  db: Db;
  op: OperationContext;
  agencyId: string;
  locationId: string;
  importId: string;
  /** When the import (this run of it) started: a contact GHL dated after it may be ours. */
  startedAt: Date;
};

export type Written = {
  outcome: "created" | "updated";
  contact: GhlContactRecord;
  tagsBefore: string[] | null;
};

const currentTags = async (scope: WriteScope, ghlId: string) => {
  const [row] = await scope.db
    .select({ tags: contacts.tags })
    .from(contacts)
    .where(
      and(
        eq(contacts.agencyId, scope.agencyId),
        eq(contacts.locationId, scope.locationId),
        eq(contacts.ghlId, ghlId),
        isNull(contacts.deletedAt),
      ),
    );
  return row?.tags ?? null;
};

const hasKey = (payload: ContactPayload) => Boolean(payload.email || payload.phone);

/**
 * A contact without email or phone whose create may have reached GHL before its answer was lost:
 * looked up by name (or company) among contacts added since the import started and not already
 * recorded by another row. One candidate is adopted; none means send again; more is ambiguous.
 */
const findLostCreate = async (scope: WriteScope, payload: ContactPayload) => {
  const filters: { field: string; operator: "eq" | "range"; value: unknown }[] = [
    { field: "dateAdded", operator: "range", value: { gte: scope.startedAt.getTime() } },
  ];
  if (payload.firstName)
    filters.push({
      field: "firstNameLowerCase",
      operator: "eq",
      value: payload.firstName.toLowerCase(),
    });
  if (payload.lastName)
    filters.push({
      field: "lastNameLowerCase",
      operator: "eq",
      value: payload.lastName.toLowerCase(),
    });
  if (!payload.firstName && !payload.lastName && payload.companyName)
    filters.push({
      field: "companyName",
      operator: "eq",
      value: payload.companyName.toLowerCase(),
    });
  if (filters.length === 1 && !payload.name) return { found: [] as GhlContactRecord[] };
  const { contacts: hits } = await runOperation(CATALOG.searchContacts, scope.op, {
    filters,
    query: filters.length === 1 ? payload.name : undefined,
    pageLimit: 20,
  });
  const taken = await recordedContactIds(
    scope.db,
    scope.importId,
    hits.map((h) => h.id),
  );
  return { found: hits.filter((h) => !taken.has(h.id)) };
};

export class AmbiguousCreateError extends Error {
  override name = "AmbiguousCreateError";
}

/**
 * Writes one row. With an email or phone it is an upsert: GHL matches the duplicate itself, so
 * sending it again after a lost answer updates the same contact instead of making a second one.
 * Without either it is a create, checked for a lost earlier create first when one may exist.
 */
export const writeRow = async (
  scope: WriteScope,
  row: ClaimedRow,
  { maybeSentBefore }: { maybeSentBefore: boolean },
): Promise<Written> => {
  const payload = row.payload as ContactPayload;
  if (!hasKey(payload)) {
    if (maybeSentBefore) {
      const { found } = await findLostCreate(scope, payload);
      const [only] = found;
      if (only && found.length === 1)
        return { outcome: "created", contact: only, tagsBefore: null };
      if (found.length > 1)
        throw new AmbiguousCreateError(
          `GoHighLevel's answer was lost and ${found.length} matching contacts were created since the import started; check them by hand (this row has no email or phone to tell them apart).`,
        );
    }
    const contact = await runOperation(CATALOG.createContact, scope.op, payload);
    return { outcome: "created", contact, tagsBefore: null };
  }
  let body = payload;
  let tagsBefore: string[] | null = row.tagsBefore;
  if (row.plan === "update" && row.matchedGhlId) {
    // GHL replaces tags on write: send the contact's current tags with the new ones.
    tagsBefore = (await currentTags(scope, row.matchedGhlId)) ?? row.tagsBefore;
    if (payload.tags && tagsBefore)
      body = { ...payload, tags: [...new Set([...tagsBefore, ...payload.tags])] };
  }
  const { created, contact } = await runOperation(CATALOG.upsertContact, scope.op, body);
  if (created) return { outcome: "created", contact, tagsBefore: null };
  // A lost answer to our own create comes back as a match: GHL dated the contact after our start.
  const ours =
    row.plan === "create" &&
    maybeSentBefore &&
    contact.dateAdded instanceof Date &&
    contact.dateAdded.getTime() >= scope.startedAt.getTime();
  if (ours) return { outcome: "created", contact, tagsBefore: null };
  return { outcome: "updated", contact, tagsBefore: row.plan === "update" ? tagsBefore : null };
};
