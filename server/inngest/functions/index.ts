import type { InngestFunction } from "inngest";

/** Every background function served at /api/inngest. Webhook fan-out, sync and token refresh join here. */
export const functions: InngestFunction.Any[] = [];
