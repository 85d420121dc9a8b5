import { and, desc, eq } from "drizzle-orm";

import { auditLog, users, webhookEvents } from "../../db/schema";
import type { Db } from "../../db/types";
import type { LocationScope } from "./contacts.repo";

const LIMIT = 100;

/** Webhook events GHL sent about this contact, newest first. */
export const listContactEvents = (db: Db, scope: LocationScope, ghlId: string) =>
  db
    .select({
      id: webhookEvents.id,
      ghlType: webhookEvents.ghlType,
      eventType: webhookEvents.eventType,
      status: webhookEvents.status,
      receivedAt: webhookEvents.receivedAt,
      eventAt: webhookEvents.eventAt,
    })
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.agencyId, scope.agencyId),
        eq(webhookEvents.locationId, scope.locationId),
        eq(webhookEvents.ghlObjectId, ghlId),
      ),
    )
    .orderBy(desc(webhookEvents.seq))
    .limit(LIMIT);

/** Audit rows written about this contact (by GHL Hub's own writes), newest first. */
export const listContactAudit = (db: Db, scope: LocationScope, contactId: string) =>
  db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      actorName: users.name,
      actorEmail: users.email,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.agencyId, scope.agencyId),
        eq(auditLog.locationId, scope.locationId),
        eq(auditLog.targetType, "contact"),
        eq(auditLog.targetId, contactId),
      ),
    )
    .orderBy(desc(auditLog.occurredAt))
    .limit(LIMIT);
