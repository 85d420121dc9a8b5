import { z } from "zod";

import type { components } from "../generated/locations";
import type { GhlHttp, GhlTarget } from "../http";
import type { SpecChecked } from "./spec-types";

const ZLocation = z.object({
  id: z.string(),
  name: z.string(),
  companyId: z.string().optional(),
  timezone: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  country: z.string().optional(),
  postalCode: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

export type GhlLocation = SpecChecked<
  z.infer<typeof ZLocation>,
  components["schemas"]["GetLocationByIdSchema"]
>;

const ZGetLocation = z.object({ location: ZLocation });

export const locationsApi = (http: GhlHttp) => ({
  /** GET /locations/{locationId}: location or agency token. */
  get: async (target: GhlTarget, ghlLocationId: string): Promise<GhlLocation> =>
    (
      await http.request({
        target,
        operation: "locations.get",
        method: "GET",
        path: `/locations/${encodeURIComponent(ghlLocationId)}`,
        version: "2021-07-28",
        schema: ZGetLocation,
      })
    ).location,
});
