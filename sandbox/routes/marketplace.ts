import { isRecord, str } from "../core/access";
import type { RouteTable } from "../core/api-route";
import { errors } from "../core/errors";
import { uninstallApp } from "../oauth/installations";

export const marketplaceRoutes: RouteTable = {
  /**
   * The app uninstalls itself: a location token removes that location; an agency token with
   * `companyId` removes the agency install and every sub-account (spec description).
   */
  "DELETE /marketplace/app/{appId}/installations": (sandbox, { params, body, token }) => {
    const input = isRecord(body) ? body : {};
    const app = [...sandbox.state.apps.values()].find((a) => a.appId === params.appId);
    if (!app || app.clientId !== token.clientId)
      throw errors.badRequest("The token does not belong to this app");
    if (token.kind === "location") {
      if (str(input.locationId) !== token.locationId)
        throw errors.badRequest("locationId must be the token's location");
      uninstallApp(sandbox, app, { companyId: token.companyId, locationId: token.locationId });
    } else {
      if (str(input.companyId) !== token.companyId)
        throw errors.badRequest("companyId must be the token's company");
      uninstallApp(sandbox, app, { companyId: token.companyId, locationId: null });
    }
    return { status: 200, body: { success: true } };
  },
};
