import { z } from "zod";

import { AGENCY_ROLES, LOCATION_ROLES } from "../../tenancy";
import { zLocationId } from "../locations/locations.schemas";

export const zUserId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid user id");

export const ZMember = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  role: z.enum(AGENCY_ROLES),
  joinedAt: z.date(),
  access: z.array(z.object({ locationId: z.uuid(), role: z.enum(LOCATION_ROLES) })),
});
export type TMember = z.infer<typeof ZMember>;

export const ZAddMemberInput = z.strictObject({
  email: z
    .email("Enter a valid email address")
    .max(254)
    .transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1).max(80).optional(),
  role: z.enum(AGENCY_ROLES).default("member"),
});

export const ZUpdateMemberRoleInput = z.strictObject({
  userId: zUserId,
  role: z.enum(AGENCY_ROLES),
});
export const ZRemoveMemberInput = z.strictObject({ userId: zUserId });

export const ZSetLocationAccessInput = z.strictObject({
  userId: zUserId,
  locationId: zLocationId,
  /** null removes the member's access to the location. */
  role: z.enum(LOCATION_ROLES).nullable(),
});
