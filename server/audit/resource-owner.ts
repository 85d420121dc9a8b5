import { eq } from "drizzle-orm";

import type { AppErrorTarget } from "../errors";
import {
  agencies,
  canonicalFields,
  contactImports,
  contacts,
  ghlConnections,
  locations,
  memberships,
  users,
  webhookEvents,
} from "../db/schema";
import type { Db } from "../db/types";

/**
 * The agencies a resource belongs to, read without a tenant filter. Used only after a scoped lookup
 * has already failed, to tell a cross-tenant probe from a missing id; never returned to callers.
 */
export const findResourceAgencies = async (db: Db, target: AppErrorTarget): Promise<string[]> => {
  switch (target.type) {
    case "location": {
      const rows = await db
        .select({ agencyId: locations.agencyId })
        .from(locations)
        .where(eq(locations.id, target.id));
      return rows.map((r) => r.agencyId);
    }
    case "user": {
      const rows = await db
        .select({ agencyId: memberships.agencyId })
        .from(users)
        .leftJoin(memberships, eq(memberships.userId, users.id))
        .where(eq(users.id, target.id));
      // A user that exists but belongs to no agency still counts as someone else's.
      return rows.map((r) => r.agencyId ?? "none");
    }
    case "ghl_connection": {
      const rows = await db
        .select({ agencyId: ghlConnections.agencyId })
        .from(ghlConnections)
        .where(eq(ghlConnections.id, target.id));
      return rows.map((r) => r.agencyId);
    }
    case "webhook_event": {
      const rows = await db
        .select({ agencyId: webhookEvents.agencyId })
        .from(webhookEvents)
        .where(eq(webhookEvents.id, target.id));
      // Events of unknown locations belong to no agency, and to nobody who asks.
      return rows.map((r) => r.agencyId ?? "none");
    }
    case "contact": {
      const rows = await db
        .select({ agencyId: contacts.agencyId })
        .from(contacts)
        .where(eq(contacts.id, target.id));
      return rows.map((r) => r.agencyId);
    }
    case "canonical_field": {
      const rows = await db
        .select({ agencyId: canonicalFields.agencyId })
        .from(canonicalFields)
        .where(eq(canonicalFields.id, target.id));
      return rows.map((r) => r.agencyId);
    }
    case "contact_import": {
      const rows = await db
        .select({ agencyId: contactImports.agencyId })
        .from(contactImports)
        .where(eq(contactImports.id, target.id));
      return rows.map((r) => r.agencyId);
    }
    case "agency": {
      const rows = await db
        .select({ id: agencies.id })
        .from(agencies)
        .where(eq(agencies.id, target.id));
      return rows.map((r) => r.id);
    }
  }
};
