import { asc, eq } from "drizzle-orm";

import { locations } from "../../db/schema";
import type { Db } from "../../db/types";
import { breakerState } from "../resilience";
import type { GhlRateLimiter } from "../rate-limiter";
import { type ConnectionRow, listAgencyConnections } from "./connections.repo";

const EXPIRING_MS = 15 * 60_000;

export type HealthStatus =
  "not_connected" | "connected" | "expiring" | "needs_reauth" | "disconnected";

const statusOf = (row: ConnectionRow | undefined): HealthStatus => {
  if (!row) return "not_connected";
  if (row.status !== "active") return row.status;
  if (row.expiresAt && row.expiresAt.getTime() - Date.now() < EXPIRING_MS) return "expiring";
  return "connected";
};

type Via = "location_token" | "location_pit" | "agency" | null;

const viaOf = (own: ConnectionRow | undefined, source: ConnectionRow | undefined): Via => {
  if (own && own.status !== "disconnected")
    return own.credentialType === "pit" ? "location_pit" : "location_token";
  return source ? "agency" : null;
};

const summary = (row: ConnectionRow) => ({
  id: row.id,
  kind: row.kind,
  credentialType: row.credentialType,
  ghlCompanyId: row.ghlCompanyId,
  status: statusOf(row),
  expiresAt: row.expiresAt,
  lastRefreshedAt: row.lastRefreshedAt,
  lastError: row.lastError,
  scopes: row.scopes,
});

/**
 * Per location: how it reaches GHL (its own token, or through the agency's), the token's state,
 * today's remaining GHL budget and the circuit breaker. Never exposes a token.
 */
export const agencyConnectionHealth = async (
  { db, limiter, clientId }: { db: Db; limiter: GhlRateLimiter | null; clientId: string | null },
  agencyId: string,
) => {
  const [connections, rows] = await Promise.all([
    listAgencyConnections(db, agencyId),
    db
      .select({
        id: locations.id,
        name: locations.name,
        ghlLocationId: locations.ghlLocationId,
        connectionStatus: locations.connectionStatus,
      })
      .from(locations)
      .where(eq(locations.agencyId, agencyId))
      .orderBy(asc(locations.name)),
  ]);
  const company = connections.find((c) => c.kind === "company" && c.status !== "disconnected");
  const perLocation = await Promise.all(
    rows.map(async (location) => {
      const own = connections.find(
        (c) => c.kind === "location" && c.ghlLocationId === location.ghlLocationId,
      );
      // The agency grant reaches only the sub-accounts the app is installed on (reconciled as connected).
      const installed =
        location.connectionStatus !== "not_connected" &&
        location.connectionStatus !== "disconnected";
      const viaAgency = installed && (!own || own.credentialType === "oauth") ? company : undefined;
      const source = own && own.status !== "disconnected" ? own : viaAgency;
      const resourceKey =
        clientId && location.ghlLocationId ? `${clientId}:${location.ghlLocationId}` : null;
      const budget = limiter && resourceKey ? await limiter.status(resourceKey) : null;
      let status: HealthStatus = source ? statusOf(source) : "not_connected";
      if (!source && location.connectionStatus === "disconnected") status = "disconnected";
      return {
        locationId: location.id,
        name: location.name,
        ghlLocationId: location.ghlLocationId,
        status,
        via: viaOf(own, source),
        connectionId: own?.id ?? null,
        expiresAt: own?.expiresAt ?? null,
        lastRefreshedAt: own?.lastRefreshedAt ?? null,
        lastError: own?.lastError ?? source?.lastError ?? null,
        dailyRemaining: budget?.dailyRemaining ?? null,
        dailyLimit: budget?.dailyLimit ?? null,
        breaker: resourceKey ? breakerState(resourceKey) : "closed",
      };
    }),
  );
  return { company: company ? summary(company) : null, locations: perLocation };
};
