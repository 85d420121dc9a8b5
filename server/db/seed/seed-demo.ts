import { and, eq, inArray } from "drizzle-orm";

import { agencies, locationAccess, locations, memberships, users } from "../schema";
import type { Db } from "../types";
import { DEMO_AGENCIES } from "./demo-data";

const lookup = <T>(map: Map<string | null, T>, key: string) => {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed: ${key} missing after insert`);
  return value;
};

/** Creates the demo agencies, users and locations. Safe to run again: existing rows are kept. */
export const seedDemo = async (db: Db) => {
  for (const demo of DEMO_AGENCIES) {
    await db.transaction(async (tx) => {
      await tx
        .insert(agencies)
        .values({ name: demo.name, ghlCompanyId: demo.ghlCompanyId })
        .onConflictDoNothing({ target: agencies.ghlCompanyId });
      const agencyRows = await tx
        .select({ id: agencies.id, key: agencies.ghlCompanyId })
        .from(agencies)
        .where(eq(agencies.ghlCompanyId, demo.ghlCompanyId));
      const agencyId = lookup(new Map(agencyRows.map((a) => [a.key, a.id])), demo.ghlCompanyId);

      await tx
        .insert(users)
        .values(demo.users.map((u) => ({ email: u.email, name: u.name, isDemo: true })))
        .onConflictDoNothing({ target: users.email });
      const userRows = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(
          inArray(
            users.email,
            demo.users.map((u) => u.email),
          ),
        );
      const userIds = new Map<string | null, string>(userRows.map((u) => [u.email, u.id]));

      await tx
        .insert(memberships)
        .values(
          demo.users.map((u) => ({ agencyId, userId: lookup(userIds, u.email), role: u.role })),
        )
        .onConflictDoNothing();

      await tx
        .insert(locations)
        .values(demo.locations.map((l) => ({ ...l, agencyId })))
        .onConflictDoNothing({ target: [locations.agencyId, locations.ghlLocationId] });
      const locationRows = await tx
        .select({ id: locations.id, ghlLocationId: locations.ghlLocationId })
        .from(locations)
        .where(
          and(
            eq(locations.agencyId, agencyId),
            inArray(
              locations.ghlLocationId,
              demo.locations.map((l) => l.ghlLocationId),
            ),
          ),
        );
      const locationIds = new Map(locationRows.map((l) => [l.ghlLocationId, l.id]));

      if (demo.access.length === 0) return;
      await tx
        .insert(locationAccess)
        .values(
          demo.access.map((grant) => ({
            agencyId,
            userId: lookup(userIds, grant.email),
            locationId: lookup(locationIds, grant.ghlLocationId),
            role: grant.role,
          })),
        )
        .onConflictDoNothing();
    });
  }
};

export const hasAnyAgency = async (db: Db) =>
  (await db.select({ id: agencies.id }).from(agencies).limit(1)).length > 0;
