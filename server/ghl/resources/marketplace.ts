import { z } from "zod";

import type { GhlHttp, GhlTarget } from "../http";

export const marketplaceApi = (http: GhlHttp) => ({
  /** The app uninstalls itself from a location (location token) or the whole agency (agency token). */
  uninstall: (
    target: GhlTarget,
    appId: string,
    body: { companyId?: string; locationId?: string; reason?: string },
  ) =>
    http.request({
      target,
      operation: "marketplace.uninstall",
      method: "DELETE",
      path: `/marketplace/app/${encodeURIComponent(appId)}/installations`,
      body,
      version: "2021-07-28",
      schema: z.object({ success: z.boolean() }),
    }),
});
