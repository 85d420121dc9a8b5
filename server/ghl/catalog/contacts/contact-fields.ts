import { z } from "zod";

const text = (max: number) => z.string().trim().max(max);

/** A custom field value as GHL writes it: `field_value` string, number, string[] or object. */
export const ZCustomFieldWrite = z.strictObject({
  id: z.string().trim().min(1).max(100),
  field_value: z.union([
    z.string().max(10_000),
    z.number().finite(),
    z.array(z.string().max(1_000)).max(200),
    z.record(z.string(), z.unknown()),
  ]),
});

/**
 * Contact fields GHL Hub writes (CreateContactDto / UpdateContactDto, REFERENCE §5.2). Strict: an
 * unknown key is a mistake, not something to forward to GHL.
 */
export const ZContactWriteFields = z.strictObject({
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  name: text(200).optional(),
  email: z.email("Not a valid email address").max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{5,25}$/, "Not a valid phone number")
    .optional(),
  address1: text(300).optional(),
  city: text(100).optional(),
  state: text(100).optional(),
  postalCode: text(20).optional(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, "Use a two-letter country code, e.g. US")
    .optional(),
  website: text(500).optional(),
  timezone: text(100).optional(),
  source: text(200).optional(),
  assignedTo: text(100).optional(),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
    .optional(),
  dnd: z.boolean().optional(),
  tags: z.array(text(100).min(1)).max(100).optional(),
  customFields: z.array(ZCustomFieldWrite).max(500).optional(),
});
export type TContactWriteFields = z.infer<typeof ZContactWriteFields>;

/**
 * An update may also clear a field: GHL takes "" for "no value", which the create rules (a valid
 * email, phone, country or date) would refuse.
 */
export const ZContactUpdateFields = ZContactWriteFields.extend({
  email: ZContactWriteFields.shape.email.unwrap().or(z.literal("")).optional(),
  phone: ZContactWriteFields.shape.phone.unwrap().or(z.literal("")).optional(),
  country: ZContactWriteFields.shape.country.unwrap().or(z.literal("")).optional(),
  dateOfBirth: ZContactWriteFields.shape.dateOfBirth.unwrap().or(z.literal("")).optional(),
});

/** `companyName` can be set on create and upsert, not on update (UpdateContactDto lacks it). */
export const ZContactCreateFields = ZContactWriteFields.extend({
  companyName: text(200).optional(),
});
