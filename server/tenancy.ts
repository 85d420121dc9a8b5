export const AGENCY_ROLES = ["owner", "admin", "member"] as const;
export const LOCATION_ROLES = ["admin", "user"] as const;

export type AgencyRole = (typeof AGENCY_ROLES)[number];
export type LocationRole = (typeof LOCATION_ROLES)[number];

/** Resolved from the session and the memberships table, never from request input. */
export type AgencyTenant = { agencyId: string; userId: string; role: AgencyRole };

export type LocationTenant = AgencyTenant & { locationId: string; locationRole: LocationRole };

export const isAgencyAdmin = (role: AgencyRole) => role === "owner" || role === "admin";

export const isAgencyRole = (value: string): value is AgencyRole =>
  (AGENCY_ROLES as readonly string[]).includes(value);
