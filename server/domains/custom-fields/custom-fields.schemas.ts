import { z } from "zod";

import { CONNECTION_STATUSES, zLocationId } from "../locations/locations.schemas";
import { CANONICAL_TYPE_KEYS } from "./field-types";

const zCanonicalFieldId = z.uuid("Not a valid canonical field id");
const zGhlFieldId = z.string().trim().min(1, "Choose a field").max(100);

export const zCanonicalKey = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{0,62}$/,
    "A key uses lowercase letters, digits and underscores, and starts with a letter (e.g. lead_score)",
  );

export const ZLocationInput = z.strictObject({ locationId: zLocationId });

const ZFieldMapping = z.strictObject({ locationId: zLocationId, customFieldGhlId: zGhlFieldId });

export const ZCreateCanonicalInput = z.strictObject({
  /** Derived from the name when left out. */
  key: zCanonicalKey.optional(),
  name: z.string().trim().min(1, "Give the field a name").max(100),
  dataType: z.enum(CANONICAL_TYPE_KEYS),
  /** Fields to map right away (a suggestion accepted in one step). */
  mappings: z
    .array(ZFieldMapping)
    .max(500)
    .refine(
      (list) => new Set(list.map((m) => m.locationId)).size === list.length,
      "Map at most one field per location",
    )
    .optional(),
});
export type TCreateCanonicalInput = z.infer<typeof ZCreateCanonicalInput>;

export const ZUpdateCanonicalInput = z.strictObject({
  canonicalFieldId: zCanonicalFieldId,
  key: zCanonicalKey.optional(),
  name: z.string().trim().min(1, "Give the field a name").max(100).optional(),
  dataType: z.enum(CANONICAL_TYPE_KEYS).optional(),
});
export type TUpdateCanonicalInput = z.infer<typeof ZUpdateCanonicalInput>;

export const ZCanonicalInput = z.strictObject({ canonicalFieldId: zCanonicalFieldId });

export const ZMapInput = z.strictObject({
  canonicalFieldId: zCanonicalFieldId,
  locationId: zLocationId,
  customFieldGhlId: zGhlFieldId,
});
export type TMapInput = z.infer<typeof ZMapInput>;

export const ZUnmapInput = z.strictObject({
  canonicalFieldId: zCanonicalFieldId,
  locationId: zLocationId,
});

const ZRawValue = z.union([
  z.string().max(10_000),
  z.number(),
  z.array(z.string().max(1_000)).max(200),
  z.null(),
]);

export const ZValidateInput = z.strictObject({
  locationId: zLocationId,
  /** Keyed by the location's GHL field id, or by `canonical:<key>`. */
  values: z
    .record(z.string().min(1).max(200), ZRawValue)
    .refine((values) => Object.keys(values).length <= 500, "At most 500 values at once"),
});

export const ZFieldDef = z.object({
  ghlId: z.string(),
  name: z.string(),
  fieldKey: z.string().nullable(),
  dataType: z.string(),
  typeLabel: z.string(),
  options: z.array(z.string()),
  position: z.number().nullable(),
});
export type TFieldDef = z.infer<typeof ZFieldDef>;

export const ZLocationFields = z.object({
  locationId: z.uuid(),
  locationName: z.string(),
  connectionStatus: z.enum(CONNECTION_STATUSES),
  /** When GHL's definitions were last read; null when never. */
  lastSyncedAt: z.date().nullable(),
  /** Why the last automatic refresh failed, when it did (the fields shown are then older). */
  refreshError: z.string().nullable(),
  fields: z.array(ZFieldDef),
});
export type TLocationFields = z.infer<typeof ZLocationFields>;

export const ZCanonicalField = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  dataType: z.enum(CANONICAL_TYPE_KEYS),
  createdAt: z.date(),
  /** Only for locations the caller can open. */
  mappings: z.array(z.object({ locationId: z.uuid(), customFieldGhlId: z.string() })),
});
export type TCanonicalField = z.infer<typeof ZCanonicalField>;

export const ZAcrossLocations = z.object({
  locations: z.array(ZLocationFields),
  canonical: z.array(ZCanonicalField),
  /** Locations whose definitions are stale but were left for a later read (to bound one call). */
  deferred: z.number(),
});

export const ZRefreshResult = z.object({
  locationId: z.uuid(),
  syncedAt: z.date(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number(),
  /** Mappings dropped because GHL deleted the field or changed it to an incompatible type. */
  droppedMappings: z.number(),
});
export type TRefreshResult = z.infer<typeof ZRefreshResult>;

export const ZSuggestions = z.object({
  mappings: z.array(
    z.object({
      canonicalFieldId: z.uuid(),
      locationId: z.uuid(),
      customFieldGhlId: z.string(),
      fieldName: z.string(),
    }),
  ),
  newCanonical: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      dataType: z.enum(CANONICAL_TYPE_KEYS),
      fields: z.array(
        z.object({ locationId: z.uuid(), customFieldGhlId: z.string(), fieldName: z.string() }),
      ),
    }),
  ),
});

export const ZValidateResult = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    customFields: z.array(
      z.object({
        id: z.string(),
        field_value: z.union([z.string(), z.number(), z.array(z.string())]),
      }),
    ),
  }),
  z.object({ ok: z.literal(false), errors: z.array(z.string()) }),
]);
