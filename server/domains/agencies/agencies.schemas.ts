import { z } from "zod";

import { AGENCY_ROLES } from "../../tenancy";

export const zAgencyName = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(80, "Use at most 80 characters");

export const ZAgency = z.object({
  id: z.uuid(),
  name: z.string(),
  ghlCompanyId: z.string().nullable(),
  role: z.enum(AGENCY_ROLES),
  createdAt: z.date(),
});
export type TAgency = z.infer<typeof ZAgency>;

export const ZRenameAgencyInput = z.strictObject({ name: zAgencyName });
export const ZCreateAgencyInput = z.strictObject({ name: zAgencyName });
