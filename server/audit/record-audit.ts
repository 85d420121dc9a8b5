import { auditLog } from "../db/schema";
import type { Db } from "../db/types";
import { redactDetails } from "./redact";

export type AuditEntry = {
  agencyId?: string | null;
  locationId?: string | null;
  actorType: "user" | "system" | "anonymous";
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: "success" | "denied" | "error";
  errorCode?: string | null;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown> | null;
};

/** The one way to write the audit log. Sequence and hash chain are assigned by the database. */
export const recordAudit = async (db: Db, entry: AuditEntry) => {
  const details = entry.details ? (redactDetails(entry.details) as Record<string, unknown>) : null;
  await db.insert(auditLog).values({ ...entry, details });
};
