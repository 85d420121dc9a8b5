import type { InngestFunction } from "inngest";

import { preRefreshScan, refreshToken } from "./tokens/pre-refresh-tokens";

/** Every background function served at /api/inngest. Webhook fan-out and sync join here. */
export const functions: InngestFunction.Any[] = [preRefreshScan, refreshToken];
