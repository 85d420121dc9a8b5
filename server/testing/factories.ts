import { randomBytes } from "node:crypto";

import { agencies, locationAccess, locations, memberships, users } from "../db/schema";
import type { Db } from "../db/types";
import type { GhlRuntime } from "../ghl/runtime";
import type { AgencyRole, LocationRole } from "../tenancy";
import { type WebhooksProvider, createContextInner } from "../trpc/context";
import { createCaller } from "../trpc/root";

const suffix = () => randomBytes(4).toString("hex");

export const createUser = async (db: Db, overrides: { email?: string; name?: string } = {}) => {
  const [user] = await db
    .insert(users)
    .values({
      email: overrides.email ?? `user-${suffix()}@example.test`,
      name: overrides.name ?? "Test User",
    })
    .returning({ id: users.id, email: users.email });
  return user!;
};

export const createLocation = async (
  db: Db,
  agencyId: string,
  overrides: { name?: string } = {},
) => {
  const [location] = await db
    .insert(locations)
    .values({
      agencyId,
      name: overrides.name ?? `Location ${suffix()}`,
      ghlLocationId: `loc${suffix()}${suffix()}`,
      timezone: "America/Chicago",
    })
    .returning({ id: locations.id, name: locations.name });
  return location!;
};

export const addMembership = (db: Db, agencyId: string, userId: string, role: AgencyRole) =>
  db.insert(memberships).values({ agencyId, userId, role });

export const grantLocation = (
  db: Db,
  grant: { agencyId: string; userId: string; locationId: string; role: LocationRole },
) => db.insert(locationAccess).values(grant);

/**
 * An agency with an owner, an admin, a member with `user` access to the first location, and two
 * locations. Everything a tenancy test needs to play either side.
 */
export const createAgencyFixture = async (db: Db, name = `Agency ${suffix()}`) => {
  const [agency] = await db
    .insert(agencies)
    .values({ name })
    .returning({ id: agencies.id, name: agencies.name });
  const [owner, admin, member] = await Promise.all([
    createUser(db),
    createUser(db),
    createUser(db),
  ]);
  await addMembership(db, agency!.id, owner.id, "owner");
  await addMembership(db, agency!.id, admin.id, "admin");
  await addMembership(db, agency!.id, member.id, "member");
  const first = await createLocation(db, agency!.id);
  const second = await createLocation(db, agency!.id);
  await grantLocation(db, {
    agencyId: agency!.id,
    userId: member.id,
    locationId: first.id,
    role: "user",
  });
  return { agency: agency!, owner, admin, member, locations: [first, second] as const };
};

export type AgencyFixture = Awaited<ReturnType<typeof createAgencyFixture>>;

/** A tRPC caller for `userId`, going through every middleware the HTTP handler uses. */
export const callerFor = (
  db: Db,
  userId: string | null,
  ghl?: () => Promise<GhlRuntime>,
  webhooks?: WebhooksProvider,
) =>
  createCaller(
    createContextInner({
      db,
      session: userId ? { user: { id: userId } } : null,
      headers: new Headers({ host: "localhost:3000" }),
      ghl,
      webhooks,
    }),
  );
