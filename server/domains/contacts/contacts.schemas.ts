import { z } from "zod";

import {
  ZContactCreateFields,
  ZContactUpdateFields,
} from "../../ghl/catalog/contacts/contact-fields";
import { locationInput } from "../locations/locations.schemas";

export const zContactId = z.uuid("Not a valid contact id");

export const CONTACT_SORTS = ["relevance", "name", "email", "dateUpdated", "dateAdded"] as const;
export type TContactSort = (typeof CONTACT_SORTS)[number];

const zTag = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((tag) => tag.toLowerCase());

/** Free text as a person typed it; `%`, `_` and `\` are matched literally. */
const zSearch = z.string().trim().max(200);

export const ZContactFilters = z.strictObject({
  tags: z.array(zTag).max(20).optional(),
  tagMode: z.enum(["any", "all"]).default("any"),
  hasEmail: z.boolean().optional(),
  hasPhone: z.boolean().optional(),
  customField: z
    .strictObject({
      id: z.string().trim().min(1).max(100),
      value: z.union([z.string().max(1_000), z.number().finite(), z.boolean()]),
    })
    .optional(),
});
export type TContactFilters = z.infer<typeof ZContactFilters>;

const paging = {
  page: z.number().int().min(1).max(1_000).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
};

export const ZListContactsInput = locationInput({
  search: zSearch.optional(),
  sort: z.enum(CONTACT_SORTS).default("dateUpdated"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  filters: ZContactFilters.optional(),
  ...paging,
});
export type TListContactsInput = z.infer<typeof ZListContactsInput>;

export const ZSearchAllInput = z.strictObject({
  search: zSearch.min(1, "Type something to search for"),
  ...paging,
});
export type TSearchAllInput = z.infer<typeof ZSearchAllInput>;

export const ZLocationRef = locationInput({});
export const ZContactRef = locationInput({ contactId: zContactId });

/** Custom field values keyed by the location's GHL field id or `canonical:<key>`. */
const zCustomFieldValues = z
  .record(
    z.string().trim().min(1).max(200),
    z.union([
      z.string().max(10_000),
      z.number().finite(),
      z.array(z.string().max(1_000)).max(200),
      z.null(),
    ]),
  )
  .refine((values) => Object.keys(values).length <= 200, "At most 200 custom fields at once");

const ZCreateFields = ZContactCreateFields.omit({ customFields: true });

export const ZCreateContactInput = locationInput({
  fields: ZCreateFields,
  customFields: zCustomFieldValues.optional(),
});
export type TCreateContactInput = z.infer<typeof ZCreateContactInput>;

/** Tags change through addTags/removeTags only: an update never replaces them by accident. */
export const ZUpdateContactInput = locationInput({
  contactId: zContactId,
  fields: ZContactUpdateFields.omit({ customFields: true, tags: true }),
  customFields: zCustomFieldValues.optional(),
});
export type TUpdateContactInput = z.infer<typeof ZUpdateContactInput>;

export const ZUpsertContactInput = ZCreateContactInput.refine(
  (input) => Boolean(input.fields.email || input.fields.phone),
  "An upsert needs an email or a phone to find the contact by",
);

const zTags = z.array(zTag).min(1, "Give at least one tag").max(100);

export const ZTagsInput = locationInput({ contactId: zContactId, tags: zTags });

export const BULK_TAG_MAX = 500;
export const ZBulkTagInput = locationInput({
  contactIds: z
    .array(zContactId)
    .min(1, "Select at least one contact")
    .max(BULK_TAG_MAX, `At most ${BULK_TAG_MAX} contacts at once`),
  action: z.enum(["add", "remove"]),
  tags: zTags,
});
export type TBulkTagInput = z.infer<typeof ZBulkTagInput>;

export const ZContactRow = z.object({
  id: z.uuid(),
  ghlId: z.string(),
  locationId: z.uuid(),
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyName: z.string().nullable(),
  tags: z.array(z.string()),
  dateAdded: z.date().nullable(),
  dateUpdated: z.date().nullable(),
});
export type TContactRow = z.infer<typeof ZContactRow>;

export const ZContactPage = z.object({
  items: z.array(ZContactRow),
  /** Counted up to TOTAL_CAP; past it `totalCapped` is true and the figure is a floor. */
  total: z.number(),
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZAgencyContactPage = ZContactPage.extend({
  items: z.array(ZContactRow.extend({ locationName: z.string() })),
});

export const ZContact = ZContactRow.extend({
  source: z.string().nullable(),
  assignedTo: z.string().nullable(),
  dnd: z.boolean().nullable(),
  type: z.string().nullable(),
  address1: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  website: z.string().nullable(),
  timezone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  customFields: z.array(z.object({ id: z.string(), value: z.unknown() })),
  syncedAt: z.date(),
});
export type TContact = z.infer<typeof ZContact>;

export const ZFieldDefinition = z.object({
  id: z.string(),
  name: z.string(),
  fieldKey: z.string().nullable(),
  dataType: z.string(),
  options: z.array(z.string()).nullable(),
});

export const ZContactDetail = z.object({
  contact: ZContact,
  /** The location's custom fields as last synced (empty until custom fields are synced). */
  fieldDefinitions: z.array(ZFieldDefinition),
  /** Whether the caller may delete or merge (location admins). */
  canAdmin: z.boolean(),
});

export type TContactDetail = z.infer<typeof ZContactDetail>;

export const ZFilterOptions = z.object({
  tags: z.array(z.object({ tag: z.string(), count: z.number() })),
  customFields: z.array(ZFieldDefinition),
});

export const ZUpsertResult = z.object({ created: z.boolean(), contact: ZContact });

export const ZBulkTagResult = z.object({
  requested: z.number(),
  /** Contacts GoHighLevel reported as failed. */
  errorCount: z.number(),
  /** Mirror rows re-read from GoHighLevel afterwards; the rest catch up through webhooks. */
  refreshed: z.number(),
});
