import { connectionSecretContext } from "../../crypto/secret-contexts";
import { GhlError } from "../errors";
import type { GhlTarget } from "../http";
import type { GhlRuntime } from "../runtime";
import {
  type ConnectionRow,
  findCompanyConnection,
  findLocationConnection,
  upsertLocationConnection,
} from "./connections.repo";

export const resourceKeyFor = (runtime: GhlRuntime, ghlId: string) =>
  `${runtime.config.clientId}:${ghlId}`;

const notConnected = (what: string) =>
  new GhlError("GHL-001", {
    kind: "auth",
    method: "GET",
    message: `${what} is not connected to GoHighLevel. Connect it in Settings → Connections.`,
  });

export const targetOf = (
  runtime: GhlRuntime,
  row: ConnectionRow,
  locationId: string | null,
): GhlTarget => ({
  agencyId: row.agencyId,
  locationId,
  connectionId: row.id,
  resourceKey: resourceKeyFor(runtime, row.ghlLocationId ?? row.ghlCompanyId),
});

/** The agency token's target, for agency-level calls. */
export const companyTarget = async (runtime: GhlRuntime, agencyId: string) => {
  const company = await findCompanyConnection(runtime.db, agencyId);
  if (!company || company.status !== "active") throw notConnected("The agency");
  return { connection: company, target: targetOf(runtime, company, null) };
};

/**
 * The target for calls on one location: its own token, or one minted from the agency's company
 * token on first use (REFERENCE §2.7: bulk installs get location tokens through /oauth/locationToken).
 */
export const locationTarget = async (
  runtime: GhlRuntime,
  agencyId: string,
  location: { id: string; ghlLocationId: string | null },
) => {
  if (!location.ghlLocationId) throw notConnected("This location");
  const own = await findLocationConnection(runtime.db, agencyId, location.ghlLocationId);
  if (own?.status === "active") return targetOf(runtime, own, location.id);
  const company = await findCompanyConnection(runtime.db, agencyId);
  // Location tokens can be minted only from an OAuth agency grant, not from an agency PIT.
  if (!company || company.status !== "active" || company.credentialType !== "oauth")
    throw notConnected("This location");
  const companyToken = await runtime.tokens.getAccessToken(company.id);
  const minted = await runtime.oauth.mintLocationToken(
    companyToken,
    company.ghlCompanyId,
    location.ghlLocationId,
  );
  const context = { agencyId, ghlLocationId: location.ghlLocationId };
  const row = await upsertLocationConnection(runtime.db, {
    agencyId,
    kind: "location",
    credentialType: "oauth",
    ghlCompanyId: company.ghlCompanyId,
    ghlLocationId: location.ghlLocationId,
    locationId: location.id,
    accessTokenEnc: runtime.cipher.encrypt(
      minted.access_token,
      connectionSecretContext(context, "access_token"),
    ),
    refreshTokenEnc: null,
    scopes: minted.scope ? minted.scope.split(" ") : company.scopes,
    ghlUserId: minted.userId ?? null,
    expiresAt: new Date(Date.now() + minted.expires_in * 1000),
    lastRefreshedAt: new Date(),
  });
  if (!row) throw notConnected("This location");
  return targetOf(runtime, row, location.id);
};
