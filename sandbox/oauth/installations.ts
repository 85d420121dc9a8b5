import type { Sandbox } from "../context";
import type { App } from "../store/types";

type InstallRequest = {
  app: App;
  companyId: string;
  locationIds: string[];
  userId: string;
  /** Agency-level install: also records a company installation (and may cover future locations). */
  companyLevel: boolean;
  installToFutureLocations: boolean;
};

const installPayload = (
  sandbox: Sandbox,
  app: App,
  companyId: string,
  userId: string,
  locationId: string | null,
) => ({
  appId: app.appId,
  versionId: app.versionId,
  installType: locationId ? "Location" : "Company",
  ...(locationId ? { locationId } : {}),
  companyId,
  userId,
  companyName: sandbox.state.companies.get(companyId)?.name ?? "",
  isWhitelabelCompany: false,
  whitelabelDetails: {},
});

/** Records the installation and sends INSTALL to the app's default webhook URL, per location. */
export const installApp = (sandbox: Sandbox, request: InstallRequest) => {
  const { app, companyId, userId } = request;
  const now = sandbox.clock.now();
  const has = (locationId: string | null) =>
    sandbox.state.installations.some(
      (i) => i.appId === app.appId && i.companyId === companyId && i.locationId === locationId,
    );
  if (request.companyLevel && !has(null)) {
    sandbox.state.installations.push({
      appId: app.appId,
      companyId,
      locationId: null,
      installToFutureLocations: request.installToFutureLocations,
      installedAt: now,
    });
    sandbox.emit({
      type: "INSTALL",
      appId: app.appId,
      companyId,
      data: installPayload(sandbox, app, companyId, userId, null),
    });
  }
  for (const locationId of request.locationIds) {
    if (has(locationId)) continue;
    sandbox.state.installations.push({
      appId: app.appId,
      companyId,
      locationId,
      installToFutureLocations: false,
      installedAt: now,
    });
    sandbox.emit({
      type: "INSTALL",
      appId: app.appId,
      locationId,
      companyId,
      data: installPayload(sandbox, app, companyId, userId, locationId),
    });
  }
};

/** Removes an installation, revokes the app's tokens for it, and sends UNINSTALL. */
export const uninstallApp = (
  sandbox: Sandbox,
  app: App,
  target: { companyId: string; locationId: string | null },
) => {
  const { state } = sandbox;
  const removed = state.installations.filter(
    (i) =>
      i.appId === app.appId &&
      i.companyId === target.companyId &&
      (target.locationId === null || i.locationId === target.locationId),
  );
  state.installations = state.installations.filter((i) => !removed.includes(i));
  for (const token of [...state.accessTokens.values(), ...state.refreshTokens.values()]) {
    if (token.clientId !== app.clientId || token.companyId !== target.companyId) continue;
    if (target.locationId === null || token.locationId === target.locationId) token.revoked = true;
  }
  for (const installation of removed) {
    sandbox.emit({
      type: "UNINSTALL",
      appId: app.appId,
      locationId: installation.locationId,
      companyId: installation.companyId,
      data: installation.locationId
        ? { appId: app.appId }
        : { appId: app.appId, companyId: installation.companyId },
    });
  }
  return removed.length;
};

export const isInstalled = (sandbox: Sandbox, appId: string, locationId: string) =>
  sandbox.state.installations.some((i) => i.appId === appId && i.locationId === locationId);
