import { and, eq } from "drizzle-orm";

import { contactImports, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import type { ImportJob } from "./job-run";

/** The import and the location a job writes to; null when either is gone. */
export const loadJob = async (db: Db, { importId, locationId }: ImportJob) => {
  const [row] = await db
    .select({
      agencyId: contactImports.agencyId,
      status: contactImports.status,
      startedAt: contactImports.startedAt,
      createdAt: contactImports.createdAt,
      location: { id: locations.id, ghlLocationId: locations.ghlLocationId },
    })
    .from(contactImports)
    .innerJoin(
      locations,
      and(eq(locations.agencyId, contactImports.agencyId), eq(locations.id, locationId)),
    )
    .where(eq(contactImports.id, importId));
  return row ?? null;
};

export type LoadedJob = NonNullable<Awaited<ReturnType<typeof loadJob>>>;
