import { recordAudit } from "../../audit/record-audit";
import { connectionSecretContext } from "../../crypto/secret-contexts";
import { bindGhlCompany } from "../../domains/agencies/agencies.repo";
import { upsertGhlLocation } from "../../domains/locations/locations.repo";
import { AppError } from "../../errors";
import type { TokenResponse } from "../oauth/token-client";
import type { GhlRuntime } from "../runtime";
import { upsertCompanyConnection, upsertLocationConnection } from "./connections.repo";
import { reconcileCompanyLocations } from "./reconcile-locations";
import { targetOf } from "./targets";

type Actor = { agencyId: string; userId: string };

/**
 * The GHL company a token belongs to must be this agency's (or become it, on the first
 * connection). Refuses a company bound to another agency: an attacker's install can never be
 * attached to a victim's account (RELIABILITY TEN-9).
 */
export const bindCompany = async (runtime: GhlRuntime, actor: Actor, ghlCompanyId: string) => {
  const outcome = await bindGhlCompany(runtime.db, actor.agencyId, ghlCompanyId);
  if (outcome === "bound") return;
  await recordAudit(runtime.db, {
    agencyId: actor.agencyId,
    actorType: "user",
    actorId: actor.userId,
    action: "ghl.connect_refused",
    outcome: "denied",
    details: { reason: outcome },
  });
  throw new AppError(
    "FORBIDDEN",
    outcome === "taken"
      ? "That GoHighLevel agency is already connected to another GHL Hub agency."
      : "That GoHighLevel agency is not the one this GHL Hub agency is connected to. Sign in to GoHighLevel with the right agency and try again.",
  );
};

const encryptPair = (
  runtime: GhlRuntime,
  row: { agencyId: string; ghlLocationId: string | null },
  tokens: TokenResponse,
) => ({
  accessTokenEnc: runtime.cipher.encrypt(
    tokens.access_token,
    connectionSecretContext(row, "access_token"),
  ),
  refreshTokenEnc: runtime.cipher.encrypt(
    tokens.refresh_token,
    connectionSecretContext(row, "refresh_token"),
  ),
});

/** Stores the grant from an OAuth callback and brings the agency's locations in line with it. */
export const storeOAuthGrant = async (runtime: GhlRuntime, actor: Actor, tokens: TokenResponse) => {
  await bindCompany(runtime, actor, tokens.companyId);
  const common = {
    agencyId: actor.agencyId,
    credentialType: "oauth" as const,
    ghlCompanyId: tokens.companyId,
    scopes: tokens.scope.split(" ").filter(Boolean),
    ghlUserId: tokens.userId ?? null,
    expiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    lastRefreshedAt: new Date(),
    connectedBy: actor.userId,
  };
  let connected: number;
  if (tokens.userType === "Company") {
    await upsertCompanyConnection(runtime.db, {
      ...common,
      kind: "company",
      ghlLocationId: null,
      ...encryptPair(runtime, { agencyId: actor.agencyId, ghlLocationId: null }, tokens),
    });
    connected = await reconcileCompanyLocations(runtime, actor.agencyId);
  } else {
    const ghlLocationId = tokens.locationId;
    if (!ghlLocationId)
      throw new AppError(
        "INVALID_INPUT",
        "GoHighLevel returned a location token without a location.",
      );
    const placeholder = await upsertGhlLocation(runtime.db, actor.agencyId, {
      ghlLocationId,
      name: ghlLocationId,
    });
    const row = await upsertLocationConnection(runtime.db, {
      ...common,
      kind: "location",
      ghlLocationId,
      locationId: placeholder.id,
      ...encryptPair(runtime, { agencyId: actor.agencyId, ghlLocationId }, tokens),
    });
    if (row) {
      const details = await runtime.api.locations
        .get(targetOf(runtime, row, placeholder.id), ghlLocationId)
        .catch(() => null);
      if (details) {
        await upsertGhlLocation(runtime.db, actor.agencyId, {
          ghlLocationId,
          name: details.name,
          timezone: details.timezone,
          city: details.city,
          country: details.country,
        });
      }
    }
    connected = 1;
  }
  await recordAudit(runtime.db, {
    agencyId: actor.agencyId,
    actorType: "user",
    actorId: actor.userId,
    action: "ghl.connected",
    outcome: "success",
    details: {
      userType: tokens.userType,
      ghlCompanyId: tokens.companyId,
      locations: connected,
      scopes: common.scopes,
    },
  });
  return { userType: tokens.userType, connected };
};
