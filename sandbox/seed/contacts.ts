import type { Sandbox } from "../context";
import type { Random } from "../core/random";
import type { Contact, CustomField } from "../store/types";
import {
  COMMON_TAGS,
  COMPANY_NAMES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  SOURCES,
  VERTICAL_TAGS,
} from "./names";

const DAY_MS = 24 * 60 * 60 * 1000;
const EMPTY_DND = Object.freeze({}) as Contact["dndSettings"];

const slug = (value: string) =>
  value
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]/g, "");

const phoneFor = (country: string, n: number) =>
  country === "GB"
    ? `+4479${String(10_000_000 + n).slice(-8)}`
    : `+1${String(2_000_000_000 + ((n * 7_919) % 7_999_999_999)).slice(0, 10)}`;

const customValue = (field: CustomField, random: Random): unknown => {
  switch (field.dataType) {
    case "NUMERICAL":
      return random.int(100);
    case "SINGLE_OPTIONS":
      return random.pick(field.picklistOptions);
    case "MULTIPLE_OPTIONS":
      return field.picklistOptions.filter(() => random.chance(0.4));
    case "DATE":
      return new Date(Date.UTC(2026, random.int(11), 1 + random.int(28)))
        .toISOString()
        .slice(0, 10);
    default:
      return random.pick(SOURCES);
  }
};

type ContactSeed = {
  locationId: string;
  country: string;
  vertical: string;
  fields: CustomField[];
  users: string[];
};

/** One realistic contact; `n` keeps emails and phones unique within the location. */
export const makeContact = (
  sandbox: Sandbox,
  seed: ContactSeed,
  n: number,
  now: number,
): Contact => {
  const { random } = sandbox;
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const tagPool = [...(VERTICAL_TAGS[seed.vertical] ?? []), ...COMMON_TAGS];
  const tags = tagPool.filter(() => random.chance(0.18));
  const dateAdded = now - random.int(365) * DAY_MS - random.int(DAY_MS);
  const dateUpdated = Math.min(now, dateAdded + random.int(60) * DAY_MS);
  const hasEmail = random.chance(0.92);
  const hasPhone = random.chance(0.85);
  return {
    id: sandbox.ids.ghl(),
    locationId: seed.locationId,
    firstName,
    lastName,
    email: hasEmail
      ? `${slug(firstName)}.${slug(lastName)}${n}@${random.pick(EMAIL_DOMAINS)}`
      : null,
    phone: hasPhone ? phoneFor(seed.country, n) : null,
    companyName: random.chance(0.3) ? random.pick(COMPANY_NAMES) : null,
    address1: random.chance(0.5) ? `${100 + random.int(9800)} ${random.pick(LAST_NAMES)} St` : null,
    city: null,
    state: null,
    country: seed.country,
    postalCode: null,
    website: null,
    timezone: null,
    source: random.pick(SOURCES),
    type: random.chance(0.8) ? "lead" : "customer",
    assignedTo: seed.users.length > 0 && random.chance(0.6) ? random.pick(seed.users) : null,
    dateOfBirth: random.chance(0.3)
      ? `19${50 + random.int(50)}-0${1 + random.int(9)}-1${random.int(9)}`
      : null,
    dnd: random.chance(0.05),
    dndSettings: EMPTY_DND,
    tags,
    customFields: seed.fields
      .filter(() => random.chance(0.6))
      .map((field) => ({ id: field.id, value: customValue(field, random) })),
    additionalEmails: [],
    businessId: null,
    followers: [],
    dateAdded,
    dateUpdated,
  };
};

/** `count` contacts for a location. */
export const seedContacts = (sandbox: Sandbox, seed: ContactSeed, count: number, now: number) => {
  const contacts = Array.from({ length: count }, (_, n) => makeContact(sandbox, seed, n, now));
  sandbox.state.contacts.insertMany(contacts);
  return contacts;
};

const SHARED_TAG_SETS = [
  [],
  ["newsletter"],
  ["hot lead"],
  ["vip", "newsletter"],
  ["follow up"],
] as const;

/**
 * The benchmark seed: `count` lean contacts in one location, fast and light. Tag arrays are shared
 * between contacts; every write path replaces arrays rather than mutating them.
 */
export const seedScaleContacts = (
  sandbox: Sandbox,
  locationId: string,
  count: number,
  now: number,
) => {
  const start = now - count;
  const base = sandbox.state.contacts.count(locationId);
  const batch: Contact[] = new Array<Contact>(count);
  const { ids } = sandbox;
  for (let i = 0; i < count; i++) {
    const n = base + i;
    const firstName = FIRST_NAMES[n % FIRST_NAMES.length]!;
    const lastName = LAST_NAMES[(n * 7) % LAST_NAMES.length]!;
    batch[i] = {
      id: ids.ghl(),
      locationId,
      firstName,
      lastName,
      email: `c${n}@scale.test`,
      phone: `+1${String(3_000_000_000 + n)}`,
      companyName: null,
      address1: null,
      city: null,
      state: null,
      country: "US",
      postalCode: null,
      website: null,
      timezone: null,
      source: "csv import",
      type: "lead",
      assignedTo: null,
      dateOfBirth: null,
      dnd: false,
      dndSettings: EMPTY_DND,
      tags: SHARED_TAG_SETS[n % SHARED_TAG_SETS.length] as unknown as string[],
      customFields: [],
      additionalEmails: [],
      businessId: null,
      followers: [],
      dateAdded: start + i,
      dateUpdated: start + i,
    };
  }
  sandbox.state.contacts.insertMany(batch);
  return count;
};
