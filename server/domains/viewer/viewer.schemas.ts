import { z } from "zod";

import { AGENCY_ROLES } from "../../tenancy";

export const ZViewer = z.object({
  user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string() }),
  agencies: z.array(z.object({ agencyId: z.uuid(), name: z.string(), role: z.enum(AGENCY_ROLES) })),
});
