import { and, asc, eq, isNull } from "drizzle-orm";

import { agencies, memberships } from "../../db/schema";
import type { Db } from "../../db/types";

export const findMembershipsForUser = (db: Db, userId: string) =>
  db
    .select({ agencyId: agencies.id, name: agencies.name, role: memberships.role })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(agencies.id));

export const findAgency = async (db: Db, agencyId: string) => {
  const [row] = await db
    .select({
      id: agencies.id,
      name: agencies.name,
      ghlCompanyId: agencies.ghlCompanyId,
      createdAt: agencies.createdAt,
    })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  return row ?? null;
};

export const renameAgency = async (db: Db, agencyId: string, name: string) => {
  const rows = await db
    .update(agencies)
    .set({ name })
    .where(eq(agencies.id, agencyId))
    .returning({ id: agencies.id });
  return rows.length;
};

export const createAgencyWithOwner = (db: Db, { name, userId }: { name: string; userId: string }) =>
  db.transaction(async (tx) => {
    const [agency] = await tx.insert(agencies).values({ name }).returning({ id: agencies.id });
    if (!agency) throw new Error("insert into agencies returned no row");
    await tx.insert(memberships).values({ agencyId: agency.id, userId, role: "owner" });
    return agency;
  });

/**
 * Binds the agency to a GHL company on its first connection. A different company, or one already
 * bound to another agency, is refused: tenancy comes from GHL's token, not from the browser.
 */
export const bindGhlCompany = async (db: Db, agencyId: string, ghlCompanyId: string) => {
  const [current] = await db
    .select({ ghlCompanyId: agencies.ghlCompanyId })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  if (!current) return "missing" as const;
  if (current.ghlCompanyId === ghlCompanyId) return "bound" as const;
  if (current.ghlCompanyId !== null) return "mismatch" as const;
  const [owner] = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.ghlCompanyId, ghlCompanyId));
  if (owner) return "taken" as const;
  await db
    .update(agencies)
    .set({ ghlCompanyId })
    .where(and(eq(agencies.id, agencyId), isNull(agencies.ghlCompanyId)));
  return "bound" as const;
};
