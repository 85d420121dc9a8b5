import { z } from "zod";

import { CANONICAL_PREFIX } from "../../domains/custom-fields/field-resolver";

/** Contact fields a CSV column can fill (GHL's CreateContactDto names). */
export const STANDARD_TARGETS = [
  "firstName",
  "lastName",
  "name",
  "email",
  "phone",
  "companyName",
  "address1",
  "city",
  "state",
  "postalCode",
  "country",
  "website",
  "timezone",
  "source",
  "dateOfBirth",
  "dnd",
  "tags",
  "assignedTo",
] as const;
export type StandardTarget = (typeof STANDARD_TARGETS)[number];

export const TARGET_LABELS: Record<StandardTarget, string> = {
  firstName: "First name",
  lastName: "Last name",
  name: "Full name",
  email: "Email",
  phone: "Phone",
  companyName: "Company",
  address1: "Street address",
  city: "City",
  state: "State",
  postalCode: "Postal code",
  country: "Country (2 letters)",
  website: "Website",
  timezone: "Time zone",
  source: "Source",
  dateOfBirth: "Date of birth",
  dnd: "Do not disturb",
  tags: "Tags",
  assignedTo: "Assigned user id",
};

export const LOCATION_TARGET = "location";
export const CUSTOM_FIELD_PREFIX = "customField:";
// One spelling for the mapping and the resolver that reads it.
export { CANONICAL_PREFIX } from "../../domains/custom-fields/field-resolver";

/**
 * Where one column goes: a standard field, the row's location, a location's custom field by GHL
 * id (`customField:<id>`) or an agency canonical field (`canonical:<key>`).
 */
export const ZMappingTarget = z.union([
  z.enum(STANDARD_TARGETS),
  z.literal(LOCATION_TARGET),
  z.string().regex(/^customField:[A-Za-z0-9_-]{1,100}$/, "Not a custom field id"),
  z.string().regex(/^canonical:[a-z0-9_.-]{1,100}$/i, "Not a canonical field key"),
]);
export type MappingTarget = z.infer<typeof ZMappingTarget>;

/** Column position (0-based, as text: JSON keys) → target. Unmapped columns are ignored. */
export const ZColumnMapping = z
  .record(z.string().regex(/^\d{1,4}$/, "Columns are numbered from 0"), ZMappingTarget)
  .refine(
    (mapping) => {
      const single = Object.values(mapping).filter(
        (t) => !t.startsWith(CUSTOM_FIELD_PREFIX) && !t.startsWith(CANONICAL_PREFIX),
      );
      return new Set(single).size === single.length;
    },
    { message: "Each field can take one column only" },
  );
export type ColumnMapping = z.infer<typeof ZColumnMapping>;
