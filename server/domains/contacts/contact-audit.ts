import { recordAudit } from "../../audit/record-audit";
import type { Db } from "../../db/types";
import type { Logger } from "../../log";
import type { TContact } from "./contacts.schemas";

export type AuditDeps = {
  db: Db;
  tenant: { agencyId: string; locationId: string; userId: string };
  request: { requestId: string; ip: string | null; userAgent: string | null };
  log: Logger;
};

const AUDITED: (keyof TContact)[] = [
  "firstName",
  "lastName",
  "name",
  "email",
  "phone",
  "companyName",
  "source",
  "assignedTo",
  "dnd",
  "address1",
  "city",
  "state",
  "postalCode",
  "country",
  "website",
  "timezone",
  "dateOfBirth",
  "tags",
  "customFields",
];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ, as before/after pairs; a missing side is a create or a delete. */
export const contactDiff = (before: TContact | null, after: TContact | null) => {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of AUDITED) {
    const [b, a] = [before?.[key] ?? null, after?.[key] ?? null];
    if (same(b, a)) continue;
    if (before) was[key] = b;
    if (after) now[key] = a;
  }
  return { before: before ? was : null, after: after ? now : null };
};

/**
 * The contact's own audit row (the middleware's row records the call): before/after of what
 * changed, targeted at the contact so its timeline can show it. The write has already happened in
 * GHL, so a failure here is logged rather than failing the call.
 */
export const auditContact = async (
  { db, tenant, request, log }: AuditDeps,
  entry: {
    action: string;
    contact: { id: string; ghlId: string };
    details: Record<string, unknown>;
  },
) => {
  try {
    await recordAudit(db, {
      agencyId: tenant.agencyId,
      locationId: tenant.locationId,
      actorType: "user",
      actorId: tenant.userId,
      action: entry.action,
      targetType: "contact",
      targetId: entry.contact.id,
      outcome: "success",
      ...request,
      details: { ghlId: entry.contact.ghlId, ...entry.details },
    });
  } catch (error) {
    log.error({ err: error, action: entry.action }, "contact audit write failed");
  }
};
