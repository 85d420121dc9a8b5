import { z } from "zod";

import type { contacts } from "../../db/schema";
import { optBool, optDate, optText, requiredId } from "../mirror/lenient";

/**
 * A GHL contact as any source carries it: webhook payloads, GET/PUT/upsert answers and
 * `POST /contacts/search` hits (which say `address` for `address1` and give `dateOfBirth` as epoch
 * milliseconds, REFERENCE §5.2). Lenient per field: one odd field never loses the record.
 */
export const ZGhlContactRecord = z.looseObject({
  id: requiredId,
  firstName: optText,
  lastName: optText,
  // Search hits carry the names as typed only here (firstName/lastName are absent there).
  firstNameRaw: optText,
  lastNameRaw: optText,
  name: optText,
  contactName: optText,
  email: optText,
  phone: optText,
  companyName: optText,
  source: optText,
  assignedTo: optText,
  type: optText,
  address1: optText,
  address: optText,
  city: optText,
  state: optText,
  postalCode: optText,
  country: optText,
  website: optText,
  timezone: optText,
  dateOfBirth: z
    .union([z.string(), z.number()])
    .nullish()
    .catch(null)
    .transform((v) => {
      if (v === null || v === undefined || v === "") return null;
      if (typeof v === "number") return new Date(v).toISOString().slice(0, 10);
      return v;
    }),
  dnd: optBool,
  tags: z.array(z.string().max(500)).max(1_000).nullish().catch(null),
  customFields: z
    .array(z.looseObject({ id: z.string(), value: z.unknown() }))
    .max(1_000)
    .nullish()
    .catch(null),
  dateAdded: optDate,
  dateUpdated: optDate,
});
export type GhlContactRecord = z.infer<typeof ZGhlContactRecord>;

export type MirrorContactRow = typeof contacts.$inferInsert;

/** The mirror row for a GHL contact. `fallbackVersion` stamps records GHL sent without dateUpdated. */
export const toMirrorContact = (
  where: { agencyId: string; locationId: string },
  c: GhlContactRecord,
  fallbackVersion: Date,
): MirrorContactRow => ({
  agencyId: where.agencyId,
  locationId: where.locationId,
  ghlId: c.id,
  firstName: c.firstName ?? c.firstNameRaw,
  lastName: c.lastName ?? c.lastNameRaw,
  name:
    c.name ??
    c.contactName ??
    ([c.firstName ?? c.firstNameRaw, c.lastName ?? c.lastNameRaw].filter(Boolean).join(" ") ||
      null),
  email: c.email?.toLowerCase() ?? null,
  phone: c.phone,
  companyName: c.companyName,
  source: c.source,
  assignedTo: c.assignedTo,
  dnd: c.dnd,
  tags: c.tags ?? null,
  customFields: c.customFields?.map((f) => ({ id: f.id, value: f.value })) ?? null,
  type: c.type,
  address1: c.address1 ?? c.address,
  city: c.city,
  state: c.state,
  postalCode: c.postalCode,
  country: c.country,
  website: c.website,
  timezone: c.timezone,
  dateOfBirth: c.dateOfBirth,
  dateAdded: c.dateAdded,
  dateUpdated: c.dateUpdated,
  sourceVersion: c.dateUpdated ?? fallbackVersion,
});
