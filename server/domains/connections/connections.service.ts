import { recordAudit } from "../../audit/record-audit";
import { requestBackfills } from "../../background/sweep-dispatch";
import type { Db } from "../../db/types";
import { AppError } from "../../errors";
import { addPrivateToken } from "../../ghl/connections/private-token";
import { storeOAuthGrant } from "../../ghl/connections/connect";
import { listAgencyConnections } from "../../ghl/connections/connections.repo";
import { disconnect } from "../../ghl/connections/disconnect";
import { agencyConnectionHealth } from "../../ghl/connections/health";
import { GhlError } from "../../ghl/errors";
import { consumeState, startAuthorization } from "../../ghl/oauth/authorize";
import { OPTIONAL_SCOPES, REQUIRED_SCOPES, scopesToRequest } from "../../ghl/oauth/scopes";
import { GhlNotConfiguredError, type GhlRuntime } from "../../ghl/runtime";
import { safeRedirectPath } from "../../http/safe-redirect";
import { notFound } from "../../errors";
import { log } from "../../log";
import type { AgencyTenant, LocationTenant } from "../../tenancy";

export type GhlProvider = () => Promise<GhlRuntime>;
type Deps = { db: Db; tenant: AgencyTenant; ghl: GhlProvider };

const optionalRuntime = (ghl: GhlProvider) =>
  ghl().catch((error: unknown) => {
    if (error instanceof GhlNotConfiguredError) return null;
    throw error;
  });

const requireRuntime = async (ghl: GhlProvider) => {
  const runtime = await optionalRuntime(ghl);
  if (!runtime) throw new AppError("GHL_NOT_CONFIGURED", new GhlNotConfiguredError().message);
  return runtime;
};

export const getOverview = async ({ db, tenant, ghl }: Deps) => {
  const runtime = await optionalRuntime(ghl);
  const health = await agencyConnectionHealth(
    { db, limiter: runtime?.limiter ?? null, clientId: runtime?.config.clientId ?? null },
    tenant.agencyId,
  );
  return {
    configured: runtime !== null,
    sandbox: runtime?.config.sandbox ?? false,
    scopes: { required: REQUIRED_SCOPES, optional: OPTIONAL_SCOPES },
    ...health,
  };
};

export const getLocationHealth = async ({
  db,
  tenant,
  ghl,
}: {
  db: Db;
  tenant: LocationTenant;
  ghl: GhlProvider;
}) => {
  const overview = await getOverview({ db, tenant, ghl });
  const row = overview.locations.find((l) => l.locationId === tenant.locationId);
  if (!row) throw notFound({ type: "location", id: tenant.locationId });
  return row;
};

export const startConnection = async (
  deps: Deps,
  input: { optionalScopes: string[]; returnTo?: string },
  redirectUri: string,
) => {
  const runtime = await requireRuntime(deps.ghl);
  const url = await startAuthorization(
    {
      db: deps.db,
      cipher: runtime.cipher,
      config: {
        oauthBaseUrl: runtime.config.oauthBaseUrl,
        clientId: runtime.config.clientId,
        redirectUri,
      },
    },
    {
      agencyId: deps.tenant.agencyId,
      userId: deps.tenant.userId,
      scopes: scopesToRequest(input.optionalScopes),
      returnTo: input.returnTo,
    },
  );
  return { url };
};

const STATE_MESSAGES = {
  unknown:
    "This connection link is not one GHL Hub started. Start again from Settings → Connections.",
  used: "This connection link was already used. Start again from Settings → Connections.",
  expired:
    "This connection link expired (they last 10 minutes). Start again from Settings → Connections.",
  other_user:
    "This connection was started by someone else. Start your own from Settings → Connections.",
} as const;

const withReturn = (returnTo: string, params: Record<string, string>) => {
  const url = new URL(safeRedirectPath(returnTo), "http://internal.invalid");
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
};

/** Newly connected locations get their contacts backfilled, without holding up the callback. */
const backfillNewLocations = ({ db, tenant }: Deps) =>
  void requestBackfills(db, tenant.agencyId).catch((error: unknown) =>
    log.warn({ err: error, agencyId: tenant.agencyId }, "could not request contact backfills"),
  );

/** The OAuth callback: spend the state, exchange the code, store the grant, reconcile locations. */
export const completeConnection = async (
  deps: Deps,
  input: { code: string; state: string; redirectUri: string },
) => {
  const runtime = await requireRuntime(deps.ghl);
  const state = await consumeState(
    { db: deps.db, cipher: runtime.cipher },
    { state: input.state, userId: deps.tenant.userId },
  );
  if (!state.ok) {
    await recordAudit(deps.db, {
      agencyId: deps.tenant.agencyId,
      actorType: "user",
      actorId: deps.tenant.userId,
      action: "ghl.oauth_state_refused",
      outcome: "denied",
      details: { reason: state.reason },
    });
    throw new AppError("INVALID_INPUT", STATE_MESSAGES[state.reason]);
  }
  if (state.agencyId !== deps.tenant.agencyId)
    throw new AppError("FORBIDDEN", STATE_MESSAGES.other_user);
  try {
    const tokens = await runtime.oauth.exchangeCode({
      code: input.code,
      redirectUri: input.redirectUri,
      codeVerifier: state.codeVerifier,
    });
    const result = await storeOAuthGrant(
      runtime,
      { agencyId: deps.tenant.agencyId, userId: deps.tenant.userId },
      tokens,
    );
    backfillNewLocations(deps);
    return {
      redirectTo: withReturn(state.returnTo, { connected: String(result.connected) }),
      connected: result.connected,
    };
  } catch (error) {
    if (error instanceof GhlError && error.kind === "auth") {
      throw new AppError(
        "INVALID_INPUT",
        "GoHighLevel refused the authorization code (it is single-use and short-lived). Start again.",
      );
    }
    throw error;
  }
};

export const disconnectConnection = async (deps: Deps, connectionId: string) => {
  // Tenancy first: another agency's id is NOT_FOUND before GHL is touched.
  const own = (await listAgencyConnections(deps.db, deps.tenant.agencyId)).some(
    (c) => c.id === connectionId,
  );
  if (!own) throw notFound({ type: "ghl_connection", id: connectionId });
  return disconnect(await requireRuntime(deps.ghl), deps.tenant.agencyId, connectionId);
};

export const savePrivateToken = async (
  deps: Deps,
  input: { token: string; kind: "location" | "agency"; ghlId: string },
) => {
  const saved = await addPrivateToken(
    await requireRuntime(deps.ghl),
    { agencyId: deps.tenant.agencyId, userId: deps.tenant.userId },
    input,
  );
  backfillNewLocations(deps);
  return saved;
};
