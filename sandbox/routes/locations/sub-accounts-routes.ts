import { locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { createLocation, deleteLocation, updateLocation } from "./location-service";
import { renderCompany, renderLocation, renderLocationFlat, renderLocationRow } from "./render";
import { bodyOf, companyFor, pageOf } from "./shared";

/** Sub-accounts (locations) and the agency itself (REFERENCE §5.7, §5.12). */
export const subAccountsRoutes: RouteTable = {
  "GET /locations/{locationId}": (sandbox, { params, token }) => ({
    status: 200,
    body: { location: renderLocation(locationFor(sandbox, token, params.locationId)) },
  }),

  /** A location token sees only its own sub-account; an agency token its company's. */
  "GET /locations/search": (sandbox, { query, token }) => {
    const company = companyFor(sandbox, token, str(query.companyId) ?? token.companyId);
    const email = str(query.email)?.toLowerCase();
    const sign = str(query.order) === "desc" ? -1 : 1;
    const all = [...sandbox.state.locations.values()]
      .filter((l) => l.companyId === company.id)
      .filter((l) => token.kind === "company" || l.id === token.locationId)
      .filter((l) => !email || l.email.toLowerCase() === email)
      .sort((a, b) => sign * (a.dateAdded - b.dateAdded || a.name.localeCompare(b.name)));
    return {
      status: 200,
      body: { locations: pageOf(all, query.skip, query.limit, 10).map(renderLocationRow) },
    };
  },

  /** Agency tokens only (the spec's Agency-Access); the answer is the flat location with 200. */
  "POST /locations/": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const company = companyFor(sandbox, token, input.companyId);
    return {
      status: 200,
      body: renderLocationFlat(createLocation(sandbox, company, token, input)),
    };
  },

  "PUT /locations/{locationId}": (sandbox, { params, body, token }) => {
    const input = bodyOf(body);
    companyFor(sandbox, token, input.companyId);
    const location = locationFor(sandbox, token, params.locationId);
    return { status: 200, body: renderLocationFlat(updateLocation(sandbox, location, input)) };
  },

  "DELETE /locations/{locationId}": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    deleteLocation(sandbox, location);
    return {
      status: 200,
      body: { success: true, message: `Deleted location with id: ${location.id}` },
    };
  },

  "GET /companies/{companyId}": (sandbox, { params, token }) => ({
    status: 200,
    body: { company: renderCompany(sandbox, companyFor(sandbox, token, params.companyId)) },
  }),
};
