import type { Sandbox } from "../context";
import type { AccessToken, Contact, Location } from "../store/types";
import { errors } from "./errors";

/** The location must exist and be the token's (location token) or its company's (agency token). */
export const locationFor = (
  sandbox: Sandbox,
  token: AccessToken,
  locationId: unknown,
): Location => {
  if (typeof locationId !== "string" || locationId.length === 0)
    throw errors.unprocessable(["locationId should not be empty"]);
  const location = sandbox.state.locations.get(locationId);
  if (token.kind === "location" && token.locationId !== locationId) throw errors.locationAccess();
  if (!location) throw errors.badRequest(`Location with id ${locationId} not found`);
  if (token.kind === "company" && location.companyId !== token.companyId)
    throw errors.locationAccess();
  return location;
};

/** The location a location-scoped call acts on: the token's own. */
export const tokenLocation = (sandbox: Sandbox, token: AccessToken) =>
  locationFor(sandbox, token, token.locationId);

/**
 * A contact the token may touch. Unknown ids answer 400 "Contact with id … not found", as third
 * parties report (REFERENCE §5.1, unconfirmed); another location's contact is a 403.
 */
export const contactFor = (
  sandbox: Sandbox,
  token: AccessToken,
  contactId: string | undefined,
): Contact => {
  const contact = contactId ? sandbox.state.contacts.get(contactId) : undefined;
  if (!contact) throw errors.badRequest(`Contact with id ${contactId ?? ""} not found`);
  locationFor(sandbox, token, contact.locationId);
  return contact;
};

export const iso = (ms: number) => new Date(ms).toISOString();

export const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export const int = (value: unknown, fallback: number) => {
  const parsed =
    typeof value === "number"
      ? value
      : typeof value === "string"
        ? Number.parseInt(value, 10)
        : Number.NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
