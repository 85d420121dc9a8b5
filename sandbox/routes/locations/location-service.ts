import type { Sandbox } from "../../context";
import { isRecord, str } from "../../core/access";
import { installApp } from "../../oauth/installations";
import type { AccessToken, Company, Location, LocationSettings } from "../../store/types";
import { locationEventData } from "./render";
import type { Input } from "./shared";

const TEXT_FIELDS = [
  "name",
  "phone",
  "address",
  "city",
  "state",
  "country",
  "postalCode",
  "website",
  "timezone",
] as const;

const DEFAULT_SETTINGS: LocationSettings = {
  allowDuplicateContact: false,
  allowDuplicateOpportunity: false,
  allowFacebookNameMerge: false,
  disableContactTimezone: false,
};

const settingsFrom = (input: unknown, current: LocationSettings): LocationSettings => {
  if (!isRecord(input)) return current;
  const next = { ...current };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof LocationSettings)[]) {
    const value = input[key];
    if (typeof value === "boolean") next[key] = value;
  }
  return next;
};

const socialFrom = (input: unknown, current: Record<string, string> | undefined) =>
  isRecord(input)
    ? {
        ...current,
        ...Object.fromEntries(
          Object.entries(input).filter((e): e is [string, string] => typeof e[1] === "string"),
        ),
      }
    : current;

/** Copies the writable fields of CreateLocationDto / UpdateLocationDto onto a location. */
const apply = (location: Location, input: Input) => {
  for (const field of TEXT_FIELDS) {
    const value = str(input[field]);
    if (value !== undefined) location[field] = value;
  }
  location.settings = settingsFrom(input.settings, location.settings);
  location.social = socialFrom(input.social, location.social);
  const prospect = isRecord(input.prospectInfo) ? input.prospectInfo : undefined;
  if (prospect) {
    location.firstName = str(prospect.firstName) ?? location.firstName;
    location.lastName = str(prospect.lastName) ?? location.lastName;
    // The sub-account's email is its prospect's: CreateLocationDto has no email of its own.
    location.email = str(prospect.email)?.toLowerCase() ?? location.email;
  }
  const snapshotId =
    str(input.snapshotId) ?? (isRecord(input.snapshot) ? str(input.snapshot.id) : undefined);
  if (snapshotId) location.snapshotId = snapshotId;
};

/**
 * A new sub-account: LocationCreate to the company's agency-level installations, then an INSTALL
 * for every app installed agency-wide with "install to future locations" (REFERENCE §2.7, §4.1).
 */
export const createLocation = (
  sandbox: Sandbox,
  company: Company,
  token: AccessToken,
  input: Input,
) => {
  const location: Location = {
    id: sandbox.ids.ghl(),
    companyId: company.id,
    name: "",
    email: "",
    phone: "",
    address: "",
    city: "",
    state: "",
    country: "US",
    postalCode: "",
    website: "",
    timezone: "US/Central",
    settings: { ...DEFAULT_SETTINGS },
    active: true,
    dateAdded: sandbox.clock.now(),
    domain: "",
    social: {},
  };
  apply(location, input);
  sandbox.state.locations.set(location.id, location);
  sandbox.emit({
    type: "LocationCreate",
    companyId: company.id,
    data: locationEventData(location),
  });
  const future = sandbox.state.installations.filter(
    (i) => i.companyId === company.id && i.locationId === null && i.installToFutureLocations,
  );
  for (const installation of future) {
    const app = [...sandbox.state.apps.values()].find((a) => a.appId === installation.appId);
    if (!app) continue;
    installApp(sandbox, {
      app,
      companyId: company.id,
      locationIds: [location.id],
      userId: token.userId,
      companyLevel: false,
      installToFutureLocations: false,
    });
  }
  return location;
};

export const updateLocation = (sandbox: Sandbox, location: Location, input: Input) => {
  apply(location, input);
  sandbox.emit({
    type: "LocationUpdate",
    companyId: location.companyId,
    data: locationEventData(location),
  });
  return location;
};

/** Removes the sub-account and what lives only inside it; its users lose access to it. */
export const deleteLocation = (sandbox: Sandbox, location: Location) => {
  const { state } = sandbox;
  state.locations.delete(location.id);
  for (const map of [
    state.customFields,
    state.customValues,
    state.locationTags,
    state.forms,
    state.formSubmissions,
    state.campaigns,
    state.workflows,
  ] as Map<string, { locationId: string }>[]) {
    for (const [id, item] of map) if (item.locationId === location.id) map.delete(id);
  }
  for (const user of state.users.values())
    user.locationIds = user.locationIds.filter((id) => id !== location.id);
  state.installations = state.installations.filter((i) => i.locationId !== location.id);
};
