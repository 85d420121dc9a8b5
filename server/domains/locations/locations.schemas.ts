import { z } from "zod";

import { LOCATION_ROLES } from "../../tenancy";

export const zLocationId = z.uuid("Not a valid location id");

export const CONNECTION_STATUSES = [
  "not_connected",
  "connected",
  "expiring",
  "needs_reauth",
  "disconnected",
] as const;
export const SYNC_FREQUENCIES = ["realtime", "hourly", "daily"] as const;

export const ZLocation = z.object({
  id: z.uuid(),
  ghlLocationId: z.string().nullable(),
  name: z.string(),
  timezone: z.string(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  connectionStatus: z.enum(CONNECTION_STATUSES),
  syncFrequency: z.enum(SYNC_FREQUENCIES),
  /** The caller's effective role at this location. */
  role: z.enum(LOCATION_ROLES),
});
export type TLocation = z.infer<typeof ZLocation>;

/** Every location-scoped input: strict, so stray keys such as agencyId or role are refused. */
export const locationInput = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ locationId: zLocationId, ...shape });

export const ZGetLocationInput = locationInput({});
export const ZUpdateLocationSettingsInput = locationInput({
  syncFrequency: z.enum(SYNC_FREQUENCIES),
});
