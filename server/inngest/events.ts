import { eventType } from "inngest";
import { z } from "zod";

/** Refresh one GHL connection's token ahead of expiry (one event per connection). */
export const tokenRefreshRequested = eventType("ghl/token.refresh.requested", {
  schema: z.object({ connectionId: z.uuid() }),
});
