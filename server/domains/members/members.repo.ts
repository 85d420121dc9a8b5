import { and, asc, eq } from "drizzle-orm";

import { locationAccess, memberships, users } from "../../db/schema";
import type { Db } from "../../db/types";
import type { AgencyRole, LocationRole } from "../../tenancy";
import type { TMember } from "./members.schemas";

export const listMembers = async (db: Db, agencyId: string): Promise<TMember[]> => {
  const [rows, grants] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.agencyId, agencyId))
      .orderBy(asc(memberships.createdAt), asc(users.email)),
    db
      .select({
        userId: locationAccess.userId,
        locationId: locationAccess.locationId,
        role: locationAccess.role,
      })
      .from(locationAccess)
      .where(eq(locationAccess.agencyId, agencyId)),
  ]);
  return rows.map((row) => ({
    ...row,
    access: grants
      .filter((g) => g.userId === row.userId)
      .map(({ locationId, role }) => ({ locationId, role })),
  }));
};

export const findMember = async (db: Db, agencyId: string, userId: string) => {
  const [row] = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId)));
  return row ?? null;
};

/** Creates the user when the email is new; an existing user's profile is never changed here. */
export const insertMember = (
  db: Db,
  {
    agencyId,
    email,
    name,
    role,
  }: { agencyId: string; email: string; name?: string; role: AgencyRole },
) =>
  db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values({ email, name: name ?? null })
      .onConflictDoNothing({ target: users.email });
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) throw new Error("user row missing after insert");
    const inserted = await tx
      .insert(memberships)
      .values({ agencyId, userId: user.id, role })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    return inserted[0] ?? null;
  });

/**
 * Runs `change` with the agency's memberships locked, handing it the current owner count, so two
 * concurrent demotions cannot leave an agency without an owner.
 */
export const withMembershipsLocked = <T>(
  db: Db,
  agencyId: string,
  change: (tx: Db, owners: number) => Promise<T>,
) =>
  db.transaction(async (tx) => {
    const rows = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(eq(memberships.agencyId, agencyId))
      .for("update");
    return change(tx, rows.filter((r) => r.role === "owner").length);
  });

export const updateMemberRole = async (
  db: Db,
  agencyId: string,
  userId: string,
  role: AgencyRole,
) =>
  (
    await db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId)))
      .returning({ userId: memberships.userId })
  ).length;

export const deleteMember = async (db: Db, agencyId: string, userId: string) =>
  (
    await db
      .delete(memberships)
      .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId)))
      .returning({ userId: memberships.userId })
  ).length;

export const deleteLocationGrantsOfMember = (db: Db, agencyId: string, userId: string) =>
  db
    .delete(locationAccess)
    .where(and(eq(locationAccess.agencyId, agencyId), eq(locationAccess.userId, userId)));

export const upsertLocationGrant = (
  db: Db,
  grant: { agencyId: string; userId: string; locationId: string; role: LocationRole },
) =>
  db
    .insert(locationAccess)
    .values(grant)
    .onConflictDoUpdate({
      target: [locationAccess.userId, locationAccess.locationId],
      set: { role: grant.role },
    });

export const deleteLocationGrant = (
  db: Db,
  { agencyId, userId, locationId }: { agencyId: string; userId: string; locationId: string },
) =>
  db
    .delete(locationAccess)
    .where(
      and(
        eq(locationAccess.agencyId, agencyId),
        eq(locationAccess.userId, userId),
        eq(locationAccess.locationId, locationId),
      ),
    );
