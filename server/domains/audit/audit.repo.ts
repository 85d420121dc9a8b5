import { and, desc, eq, lt, sql } from "drizzle-orm";

import { agencies, auditLog, users } from "../../db/schema";
import type { Db } from "../../db/types";
import type { TListAuditInput } from "./audit.schemas";

export const listAuditEntries = async (db: Db, agencyId: string, input: TListAuditInput) => {
  const rows = await db
    .select({
      id: auditLog.id,
      seq: auditLog.seq,
      occurredAt: auditLog.occurredAt,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      actorEmail: users.email,
      action: auditLog.action,
      locationId: auditLog.locationId,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      outcome: auditLog.outcome,
      errorCode: auditLog.errorCode,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.agencyId, agencyId),
        input.locationId ? eq(auditLog.locationId, input.locationId) : undefined,
        input.action ? eq(auditLog.action, input.action) : undefined,
        input.outcome ? eq(auditLog.outcome, input.outcome) : undefined,
        input.cursor ? lt(auditLog.seq, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.seq ?? null) : null };
};

export const verifyAgencyChain = async (db: Db, agencyId: string) => {
  const [result] = await db
    .select({
      broken: sql<string | null>`audit_verify_chain(${agencyId})`,
      length: sql<string>`(select count(*) from ${auditLog} where ${auditLog.chain} = ${agencyId})`,
    })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  const firstBrokenSeq = result?.broken == null ? null : Number(result.broken);
  return { intact: firstBrokenSeq === null, length: Number(result?.length ?? 0), firstBrokenSeq };
};
