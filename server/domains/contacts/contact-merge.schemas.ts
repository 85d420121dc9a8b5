import { z } from "zod";

import { locationInput } from "../locations/locations.schemas";
import { ZContact, zContactId } from "./contacts.schemas";

export const ZMergeInput = locationInput({
  primaryId: zContactId,
  duplicateId: zContactId,
}).refine((input) => input.primaryId !== input.duplicateId, {
  message: "Pick two different contacts",
  path: ["duplicateId"],
});
export type TMergeInput = z.infer<typeof ZMergeInput>;

export const ZMergePlan = z.object({
  fill: z.record(z.string(), z.string()),
  conflicts: z.array(z.object({ field: z.string(), primary: z.string(), duplicate: z.string() })),
  skipped: z.array(z.object({ field: z.string(), value: z.string(), reason: z.string() })),
  tagsAdded: z.array(z.string()),
  customFieldsAdded: z.array(z.object({ id: z.string(), value: z.unknown() })),
});

export const ZMergePreview = z.object({
  primary: ZContact,
  duplicate: ZContact,
  plan: ZMergePlan,
});

export type TMergePreview = z.infer<typeof ZMergePreview>;

export const ZMergeResult = z.object({ contact: ZContact, deletedId: z.uuid() });
