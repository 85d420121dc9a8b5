import { connectionsDueForRefresh, preRefreshConnection } from "../ghl/connections/pre-refresh";
import { type GhlRuntime } from "../ghl/runtime";
import { log } from "../log";
import { startLocalSweeps } from "./contacts-sweeps";

const PRE_REFRESH_EVERY_MS = 5 * 60_000;

/**
 * The local driver's cron: the same token pre-refresh the `ghl-pre-refresh-scan` Inngest function
 * runs every 5 minutes, and the contacts sweeps, over the same modules. Several processes may run
 * it: the token manager's lease keeps it to one refresh per connection, the sweep lease to one
 * sweep per location.
 */
export const startLocalSchedule = (ghl: () => Promise<GhlRuntime>) => {
  const preRefresh = async () => {
    try {
      const runtime = await ghl();
      for (const { id } of await connectionsDueForRefresh(runtime)) {
        await preRefreshConnection(runtime, id).catch((error: unknown) =>
          log.warn(
            { err: error, connectionId: id },
            "scheduled token refresh failed; retrying next round",
          ),
        );
      }
    } catch (error) {
      log.debug({ err: error }, "scheduled token refresh skipped");
    }
  };
  const timer = setInterval(() => void preRefresh(), PRE_REFRESH_EVERY_MS);
  timer.unref();
  // Contacts backfill and reconciliation sweeps, as the contacts-sweep-* Inngest functions do.
  const stopSweeps = startLocalSweeps(ghl);
  return () => {
    clearInterval(timer);
    void stopSweeps();
  };
};
