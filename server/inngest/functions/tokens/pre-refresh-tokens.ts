import { cron } from "inngest";

import {
  connectionsDueForRefresh,
  preRefreshConnection,
} from "../../../ghl/connections/pre-refresh";
import { type GhlRuntime, getGhlRuntime } from "../../../ghl/runtime";
import { inngest } from "../../client";
import { tokenRefreshRequested } from "../../events";

type Deps = { ghl: () => Promise<GhlRuntime> };

/** Every 5 minutes: one refresh event per connection expiring within 15 minutes. */
export const createPreRefreshScan = ({ ghl }: Deps) =>
  inngest.createFunction(
    { id: "ghl-pre-refresh-scan", triggers: [cron("*/5 * * * *")] },
    async ({ step }) => {
      const due = await step.run("find-expiring-connections", async () =>
        connectionsDueForRefresh(await ghl()),
      );
      if (due.length > 0) {
        await step.sendEvent(
          "request-refreshes",
          due.map((c) => tokenRefreshRequested.create({ connectionId: c.id })),
        );
      }
      return { requested: due.length };
    },
  );

/** One connection at a time per connection id, across all workers. */
export const createRefreshToken = ({ ghl }: Deps) =>
  inngest.createFunction(
    {
      id: "ghl-refresh-token",
      triggers: [tokenRefreshRequested],
      concurrency: { key: "event.data.connectionId", limit: 1 },
      retries: 5,
    },
    async ({ event, step }) =>
      step.run("refresh", async () => preRefreshConnection(await ghl(), event.data.connectionId)),
  );

export const preRefreshScan = createPreRefreshScan({ ghl: getGhlRuntime });
export const refreshToken = createRefreshToken({ ghl: getGhlRuntime });
