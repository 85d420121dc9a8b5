import { z } from "zod";

import type { components } from "../generated/oauth";
import type { GhlHttp, GhlTarget } from "../http";
import type { SpecChecked } from "./spec-types";

const ZInstalledLocation = z.object({
  _id: z.string(),
  name: z.string(),
  address: z.string().default(""),
  isInstalled: z.boolean().optional(),
});

export type GhlInstalledLocation = SpecChecked<
  z.infer<typeof ZInstalledLocation>,
  components["schemas"]["InstalledLocationSchema"]
>;

const ZInstalledLocations = z.object({
  locations: z.array(ZInstalledLocation),
  count: z.number().optional(),
});

const PAGE = 100;

export const oauthApi = (http: GhlHttp) => ({
  /** Every sub-account the app is installed on, all pages (agency token, oauth.readonly). */
  installedLocations: async (target: GhlTarget, input: { companyId: string; appId: string }) => {
    const all: GhlInstalledLocation[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const page = await http.request({
        target,
        operation: "oauth.installedLocations",
        method: "GET",
        path: "/oauth/installedLocations",
        query: {
          companyId: input.companyId,
          appId: input.appId,
          isInstalled: true,
          skip,
          limit: PAGE,
        },
        version: "2021-07-28",
        schema: ZInstalledLocations,
      });
      all.push(...page.locations);
      if (page.locations.length < PAGE) return all;
    }
  },
});
