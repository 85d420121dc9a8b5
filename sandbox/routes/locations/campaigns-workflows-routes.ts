import { iso, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { ofLocation } from "../../store/state";

/** Read-only lists: there is no public API to build campaigns or workflows (REFERENCE §5.6). */
export const campaignsWorkflowsRoutes: RouteTable = {
  "GET /campaigns/": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const status = str(query.status);
    const campaigns = ofLocation(sandbox.state.campaigns, location.id)
      .filter((c) => !status || c.status === status)
      .map((c) => ({ id: c.id, name: c.name, status: c.status, locationId: c.locationId }));
    return { status: 200, body: { campaigns } };
  },

  "GET /workflows/": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const workflows = ofLocation(sandbox.state.workflows, location.id).map((w) => ({
      id: w.id,
      name: w.name,
      status: w.status,
      version: w.version,
      createdAt: iso(w.createdAt),
      updatedAt: iso(w.updatedAt),
      locationId: w.locationId,
    }));
    return { status: 200, body: { workflows } };
  },
};
