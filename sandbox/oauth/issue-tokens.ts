import type { Sandbox } from "../context";
import type { AccessToken, RefreshToken, TokenKind } from "../store/types";

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

type Grant = {
  kind: TokenKind;
  clientId: string | null;
  companyId: string;
  locationId: string | null;
  userId: string;
  scopes: string[];
};

/** A JWT-shaped bearer token (GHL's are JWTs); the sandbox looks it up rather than verifying it. */
const mintJwt = (sandbox: Sandbox, grant: Grant, expiresAt: number | null) =>
  [
    base64url({ alg: "HS256", typ: "JWT" }),
    base64url({
      authClass: grant.kind === "company" ? "Company" : "Location",
      authClassId: grant.locationId ?? grant.companyId,
      source: grant.clientId ? "INTEGRATION" : "PRIVATE_INTEGRATION",
      sourceId: grant.clientId,
      channel: "OAUTH",
      primaryAuthClassId: grant.locationId ?? grant.companyId,
      oauthMeta: { scopes: grant.scopes, client: grant.clientId },
      iat: Math.floor(sandbox.clock.now() / 1000),
      exp: expiresAt === null ? undefined : Math.floor(expiresAt / 1000),
      jti: sandbox.ids.secret(16),
    }),
    sandbox.ids.secret(43),
  ].join(".");

export const issueAccessToken = (
  sandbox: Sandbox,
  grant: Grant,
  options: { pit?: boolean; ttlSeconds?: number } = {},
) => {
  const expiresAt = options.pit
    ? null
    : sandbox.clock.now() + (options.ttlSeconds ?? sandbox.options.accessTokenTtlSeconds) * 1000;
  const token: AccessToken = {
    token: options.pit ? `pit-${sandbox.ids.uuid()}` : mintJwt(sandbox, grant, expiresAt),
    ...grant,
    pit: options.pit ?? false,
    expiresAt,
    revoked: false,
  };
  sandbox.state.accessTokens.set(token.token, token);
  return token;
};

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export const issueRefreshToken = (
  sandbox: Sandbox,
  grant: Grant & { clientId: string; approvedLocations: string[] },
) => {
  const token: RefreshToken = {
    token: mintJwt(sandbox, grant, sandbox.clock.now() + YEAR_MS),
    ...grant,
    spent: false,
    revoked: false,
    expiresAt: sandbox.clock.now() + YEAR_MS,
  };
  sandbox.state.refreshTokens.set(token.token, token);
  return token;
};

/** The token endpoint's success body (REFERENCE §2.2). */
export const tokenResponse = (sandbox: Sandbox, access: AccessToken, refresh: RefreshToken) => {
  const company = access.kind === "company";
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: Math.round(
      ((access.expiresAt ?? sandbox.clock.now()) - sandbox.clock.now()) / 1000,
    ),
    refresh_token: refresh.token,
    scope: access.scopes.join(" "),
    userType: company ? "Company" : "Location",
    ...(access.locationId ? { locationId: access.locationId } : {}),
    companyId: access.companyId,
    userId: access.userId,
    ...(company
      ? {
          approvedLocations: refresh.approvedLocations,
          isBulkInstallation: refresh.approvedLocations.length > 1,
          installToFutureLocations: sandbox.state.installations.some(
            (i) =>
              i.companyId === access.companyId &&
              i.locationId === null &&
              i.installToFutureLocations,
          ),
          approveAllLocations: false,
        }
      : {}),
  };
};
