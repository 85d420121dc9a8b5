import { type RouteTable } from "../core/api-route";
import { errors } from "../core/errors";
import { issueAccessToken } from "../oauth/issue-tokens";
import { isInstalled } from "../oauth/installations";

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export const oauthRoutes: RouteTable = {
  /** Agency token → location token (REFERENCE §2.4); the response has no refresh token. */
  "POST /oauth/locationToken": (sandbox, { body, token }) => {
    sandbox.stats.locationTokenCalls++;
    const form = (body ?? {}) as Record<string, unknown>;
    const companyId = str(form.companyId);
    const locationId = str(form.locationId);
    const app = token.clientId ? sandbox.state.apps.get(token.clientId) : undefined;
    if (!app || companyId !== token.companyId)
      throw errors.badRequest("companyId does not match the token");
    const location = locationId ? sandbox.state.locations.get(locationId) : undefined;
    if (
      !location ||
      location.companyId !== companyId ||
      !isInstalled(sandbox, app.appId, location.id)
    ) {
      throw errors.badRequest("The app is not installed on this location");
    }
    if (!location.active) throw errors.locationInactive();
    const access = issueAccessToken(sandbox, {
      kind: "location",
      clientId: app.clientId,
      companyId: location.companyId,
      locationId: location.id,
      userId: token.userId,
      scopes: token.scopes,
    });
    return {
      status: 200,
      body: {
        access_token: access.token,
        token_type: "Bearer",
        expires_in: sandbox.options.accessTokenTtlSeconds,
        scope: access.scopes.join(" "),
        locationId: location.id,
        userId: access.userId,
        appId: app.appId,
        versionId: app.versionId,
      },
    };
  },

  "GET /oauth/installedLocations": (sandbox, { query, token }) => {
    const companyId = str(query.companyId);
    if (companyId !== token.companyId)
      throw errors.badRequest("companyId does not match the token");
    const app = [...sandbox.state.apps.values()].find((a) => a.appId === str(query.appId));
    if (!app) throw errors.badRequest("Unknown appId");
    const skip = Number(query.skip ?? 0) || 0;
    const limit = Math.min(Number(query.limit ?? 20) || 20, 100);
    const search = str(query.query)?.toLowerCase();
    const wantInstalled = str(query.isInstalled);
    const rows = [...sandbox.state.locations.values()]
      .filter((l) => l.companyId === companyId)
      .filter((l) => !search || l.name.toLowerCase().includes(search))
      .filter((l) => !str(query.locationId) || l.id === str(query.locationId))
      .map((l) => {
        const installation = sandbox.state.installations.find(
          (i) => i.appId === app.appId && i.locationId === l.id,
        );
        return {
          _id: l.id,
          name: l.name,
          address: [l.address, l.city, l.state, l.postalCode].filter(Boolean).join(", "),
          isInstalled: Boolean(installation),
          ...(installation
            ? {
                versionId: app.versionId,
                installedAt: new Date(installation.installedAt).toISOString(),
              }
            : {}),
        };
      })
      .filter((row) => wantInstalled === undefined || String(row.isInstalled) === wantInstalled);
    const companyInstall = sandbox.state.installations.find(
      (i) => i.appId === app.appId && i.companyId === companyId && i.locationId === null,
    );
    return {
      status: 200,
      body: {
        locations: rows.slice(skip, skip + limit),
        count: rows.length,
        installToFutureLocations: companyInstall?.installToFutureLocations ?? false,
      },
    };
  },
};
