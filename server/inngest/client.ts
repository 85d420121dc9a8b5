import { Inngest } from "inngest";

import { getEnv } from "../env";

const env = getEnv();

/**
 * Production talks to Inngest Cloud or a self-hosted server (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY,
 * INNGEST_BASE_URL); development expects a dev server unless INNGEST_DEV=0.
 */
export const inngest = new Inngest({
  id: "ghl-hub",
  isDev: env.INNGEST_DEV ?? env.NODE_ENV !== "production",
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
});
