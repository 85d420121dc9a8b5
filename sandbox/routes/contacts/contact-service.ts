import type { Sandbox } from "../../context";
import { isRecord, str } from "../../core/access";
import { errors } from "../../core/errors";
import type { Contact, CustomFieldValue, Location } from "../../store/types";
import { contactEventData } from "./render";

type Input = Record<string, unknown>;

/** GHL stores tags trimmed and lower-cased, once each. */
export const normaliseTags = (tags: unknown): string[] =>
  Array.isArray(tags)
    ? [
        ...new Set(
          tags
            .filter((t): t is string => typeof t === "string")
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ]
    : [];

const NANP = new Set(["US", "CA"]);

/** GHL stores phones in E.164; a national 10-digit number takes the location's +1 prefix. */
export const toE164 = (phone: string | null | undefined, country: string | null | undefined) => {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length === 0) return null;
  if (phone.trim().startsWith("+")) return `+${digits}`;
  if (digits.length === 10 && NANP.has(country ?? "US")) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1") && NANP.has(country ?? "US"))
    return `+${digits}`;
  return `+${digits}`;
};

const splitName = (name: string) => {
  const [first, ...rest] = name.trim().split(/\s+/);
  return { firstName: first ?? null, lastName: rest.join(" ") || null };
};

/** Write items are `{id | key, field_value}` (or `value`); read items are `{id, value}`. */
const customFieldValues = (
  sandbox: Sandbox,
  location: Location,
  input: unknown,
  current: CustomFieldValue[],
) => {
  if (!Array.isArray(input)) return current;
  const fields = [...sandbox.state.customFields.values()].filter(
    (f) => f.locationId === location.id && f.model === "contact",
  );
  const next = new Map(current.map((item) => [item.id, item.value]));
  for (const item of input) {
    if (!isRecord(item)) continue;
    const field = fields.find(
      (f) =>
        f.id === item.id ||
        (typeof item.key === "string" &&
          (f.fieldKey === item.key || f.fieldKey === `contact.${item.key}`)),
    );
    if (!field) continue;
    const value = "field_value" in item ? item.field_value : item.value;
    if (value === null || value === "" || value === undefined) next.delete(field.id);
    else next.set(field.id, value);
  }
  return [...next].map(([id, value]) => ({ id, value }));
};

const SIMPLE_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "companyName",
  "address1",
  "city",
  "state",
  "country",
  "postalCode",
  "website",
  "timezone",
  "source",
  "assignedTo",
  "dateOfBirth",
] as const;

/** The contact fields a create, update or upsert body sets (absent keys are left alone). */
export const fieldsFrom = (
  sandbox: Sandbox,
  location: Location,
  body: Input,
  existing?: Contact,
): Partial<Contact> => {
  const patch: Partial<Contact> = {};
  for (const key of SIMPLE_FIELDS) {
    if (!(key in body)) continue;
    const value = body[key];
    patch[key] = typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  }
  if (typeof body.name === "string" && !("firstName" in body) && !("lastName" in body))
    Object.assign(patch, splitName(body.name));
  if (patch.email) patch.email = patch.email.toLowerCase();
  if (patch.phone) patch.phone = toE164(patch.phone, location.country);
  if (typeof body.dnd === "boolean") patch.dnd = body.dnd;
  if (isRecord(body.dndSettings)) patch.dndSettings = body.dndSettings as Contact["dndSettings"];
  if ("tags" in body) patch.tags = normaliseTags(body.tags);
  if ("customFields" in body)
    patch.customFields = customFieldValues(
      sandbox,
      location,
      body.customFields,
      existing?.customFields ?? [],
    );
  return patch;
};

/**
 * GHL's duplicate rule when a location disallows duplicates: email first, then phone
 * (REFERENCE §5.2). Returns the clashing contact and the field it matched on.
 */
export const findDuplicate = (
  sandbox: Sandbox,
  location: Location,
  fields: { email?: string | null; phone?: string | null },
  except?: string,
) => {
  const byEmail = sandbox.state.contacts
    .findByEmail(location.id, fields.email)
    .find((c) => c.id !== except);
  if (byEmail) return { contact: byEmail, matchingField: "email" as const };
  const byPhone = sandbox.state.contacts
    .findByPhone(location.id, fields.phone)
    .find((c) => c.id !== except);
  if (byPhone) return { contact: byPhone, matchingField: "phone" as const };
  return null;
};

const duplicateError = (duplicate: NonNullable<ReturnType<typeof findDuplicate>>) =>
  errors.badRequest("This location does not allow duplicated contacts.", {
    meta: {
      contactId: duplicate.contact.id,
      contactName: [duplicate.contact.firstName, duplicate.contact.lastName]
        .filter(Boolean)
        .join(" "),
      matchingField: duplicate.matchingField,
    },
  });

const emitContact = (sandbox: Sandbox, type: string, contact: Contact) =>
  sandbox.emit({ type, locationId: contact.locationId, data: contactEventData(contact) });

export const createContact = (
  sandbox: Sandbox,
  location: Location,
  body: Input,
  options: { allowDuplicate?: boolean } = {},
) => {
  const fields = fieldsFrom(sandbox, location, body);
  if (!location.settings.allowDuplicateContact && !options.allowDuplicate) {
    const duplicate = findDuplicate(sandbox, location, fields);
    if (duplicate) throw duplicateError(duplicate);
  }
  const now = sandbox.clock.now();
  const contact: Contact = {
    id: sandbox.ids.ghl(),
    locationId: location.id,
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    companyName: null,
    address1: null,
    city: null,
    state: null,
    country: null,
    postalCode: null,
    website: null,
    timezone: null,
    source: null,
    type: "lead",
    assignedTo: null,
    dateOfBirth: null,
    dnd: false,
    dndSettings: {},
    tags: [],
    customFields: [],
    additionalEmails: [],
    businessId: null,
    followers: [],
    dateAdded: now,
    dateUpdated: now,
    ...fields,
  };
  sandbox.state.contacts.insert(contact);
  emitContact(sandbox, "ContactCreate", contact);
  return contact;
};

/** Applies a patch, bumps dateUpdated, and emits ContactUpdate plus the narrower events GHL sends. */
export const updateContact = (
  sandbox: Sandbox,
  location: Location,
  contact: Contact,
  patch: Partial<Contact>,
) => {
  if (!location.settings.allowDuplicateContact && (patch.email || patch.phone)) {
    const duplicate = findDuplicate(
      sandbox,
      location,
      { email: patch.email, phone: patch.phone },
      contact.id,
    );
    if (duplicate) throw duplicateError(duplicate);
  }
  const tagsChanged =
    patch.tags !== undefined && patch.tags.join("\u0000") !== contact.tags.join("\u0000");
  const dndChanged = patch.dnd !== undefined && patch.dnd !== contact.dnd;
  sandbox.state.contacts.update(contact, {
    ...patch,
    dateUpdated: Math.max(sandbox.clock.now(), contact.dateUpdated + 1),
  });
  emitContact(sandbox, "ContactUpdate", contact);
  if (tagsChanged) emitContact(sandbox, "ContactTagUpdate", contact);
  if (dndChanged) emitContact(sandbox, "ContactDndUpdate", contact);
  return contact;
};

export const deleteContact = (sandbox: Sandbox, contact: Contact) => {
  sandbox.state.contacts.remove(contact);
  for (const map of [sandbox.state.notes, sandbox.state.tasks]) {
    for (const [id, item] of map) if (item.contactId === contact.id) map.delete(id);
  }
  sandbox.state.campaignMembers.delete(contact.id);
  sandbox.state.workflowMembers.delete(contact.id);
  emitContact(sandbox, "ContactDelete", contact);
};

/**
 * POST /contacts/upsert: matches by email, then phone; with `createNewIfDuplicateAllowed` on a
 * location that allows duplicates, always creates (REFERENCE §5.2).
 */
export const upsertContact = (sandbox: Sandbox, location: Location, body: Input) => {
  const fields = fieldsFrom(sandbox, location, body);
  const alwaysCreate =
    body.createNewIfDuplicateAllowed === true && location.settings.allowDuplicateContact;
  const match = alwaysCreate ? null : findDuplicate(sandbox, location, fields);
  if (!match)
    return {
      contact: createContact(sandbox, location, body, { allowDuplicate: true }),
      created: true,
    };
  const patch = fieldsFrom(sandbox, location, body, match.contact);
  // The matched field is already the contact's; the other may not clash with a third contact.
  if (match.matchingField === "email") delete patch.email;
  else delete patch.phone;
  return { contact: updateContact(sandbox, location, match.contact, patch), created: false };
};

export const addTags = (sandbox: Sandbox, location: Location, contact: Contact, tags: unknown) =>
  updateContact(sandbox, location, contact, {
    tags: normaliseTags([...contact.tags, ...normaliseTags(tags)]),
  });

export const removeTags = (
  sandbox: Sandbox,
  location: Location,
  contact: Contact,
  tags: unknown,
) => {
  const remove = new Set(normaliseTags(tags));
  return updateContact(sandbox, location, contact, {
    tags: contact.tags.filter((t) => !remove.has(t)),
  });
};

export const requireString = (body: Input, key: string) => {
  const value = str(body[key]);
  if (!value) throw errors.unprocessable([`${key} should not be empty`]);
  return value;
};
