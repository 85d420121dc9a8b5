import { iso } from "../../core/access";
import type { Contact } from "../../store/types";

const fullName = (c: Contact) => [c.firstName, c.lastName].filter(Boolean).join(" ");
const lower = (value: string | null) => value?.toLowerCase() ?? undefined;

/** Drops null fields: GHL omits what a contact does not have. (A plain loop: this is the hot path.) */
const compact = <T extends Record<string, unknown>>(value: T) => {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const field = value[key];
    if (field !== null && field !== undefined) out[key] = field;
  }
  return out as Partial<T>;
};

/** GET /contacts/{id}, update and upsert shape (GetContectByIdSchema, REFERENCE §5.2). */
export const renderContact = (c: Contact) =>
  compact({
    id: c.id,
    name: fullName(c) || null,
    locationId: c.locationId,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    emailLowerCase: lower(c.email),
    timezone: c.timezone,
    companyName: c.companyName,
    phone: c.phone,
    dnd: c.dnd,
    dndSettings: c.dndSettings,
    type: c.type,
    source: c.source,
    assignedTo: c.assignedTo,
    address1: c.address1,
    city: c.city,
    state: c.state,
    country: c.country,
    postalCode: c.postalCode,
    website: c.website,
    tags: c.tags,
    dateOfBirth: c.dateOfBirth,
    dateAdded: iso(c.dateAdded),
    dateUpdated: iso(c.dateUpdated),
    firstNameLowerCase: lower(c.firstName),
    lastNameLowerCase: lower(c.lastName),
    fullNameLowerCase: lower(fullName(c) || null),
    customFields: c.customFields,
    businessId: c.businessId,
    additionalEmails: c.additionalEmails,
    additionalPhones: [],
    followers: c.followers,
  });

/** POST /contacts/ shape (CreateContactSchema): a few more flags. */
export const renderCreatedContact = (c: Contact) => ({
  ...renderContact(c),
  deleted: false,
  bounceEmail: false,
  unsubscribeEmail: false,
});

/** A search hit differs from GET: `address`, `contactName`, epoch `dateOfBirth` (I#314). */
export const renderSearchHit = (c: Contact, searchAfter: (string | number)[]) =>
  compact({
    id: c.id,
    locationId: c.locationId,
    contactName: fullName(c) || null,
    firstNameLowerCase: lower(c.firstName),
    lastNameLowerCase: lower(c.lastName),
    firstNameRaw: c.firstName,
    lastNameRaw: c.lastName,
    companyName: c.companyName,
    email: c.email,
    phone: c.phone,
    phoneLabel: c.phone ? "Mobile" : null,
    dnd: c.dnd,
    type: c.type,
    source: c.source,
    assignedTo: c.assignedTo,
    address: c.address1,
    city: c.city,
    state: c.state,
    country: c.country,
    postalCode: c.postalCode,
    website: c.website,
    tags: c.tags,
    dateOfBirth: c.dateOfBirth ? Date.parse(c.dateOfBirth) : null,
    dateAdded: iso(c.dateAdded),
    dateUpdated: iso(c.dateUpdated),
    customFields: c.customFields,
    businessName: c.companyName,
    validEmail: c.email ? true : null,
    additionalEmails: c.additionalEmails,
    additionalPhones: [],
    followers: c.followers,
    searchAfter,
  });

/** Webhook payload for Contact* events: the full snapshot, not a diff (REFERENCE §4.4). */
export const contactEventData = (c: Contact) =>
  compact({
    id: c.id,
    address1: c.address1,
    city: c.city,
    state: c.state,
    companyName: c.companyName,
    country: c.country,
    source: c.source,
    dateAdded: iso(c.dateAdded),
    dateOfBirth: c.dateOfBirth,
    dnd: c.dnd,
    email: c.email,
    name: fullName(c) || null,
    firstName: c.firstName,
    lastName: c.lastName,
    phone: c.phone,
    postalCode: c.postalCode,
    tags: c.tags,
    website: c.website,
    attachments: [],
    assignedTo: c.assignedTo,
    customFields: c.customFields,
  });
