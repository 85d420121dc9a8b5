import { log } from "../../log";
import { GhlError } from "../errors";
import type { GhlRuntime } from "../runtime";
import { findConnectionById, listExpiringConnections } from "./connections.repo";

/** Tokens expiring within this window are refreshed ahead of use (FR-003). */
export const PRE_REFRESH_WINDOW_MS = 15 * 60_000;

export const connectionsDueForRefresh = (runtime: GhlRuntime) =>
  listExpiringConnections(runtime.db, PRE_REFRESH_WINDOW_MS);

/**
 * Refreshes one connection if it still expires within the window. Goes through the token manager,
 * so it shares the lease with every request that might be refreshing the same token.
 */
export const preRefreshConnection = async (runtime: GhlRuntime, connectionId: string) => {
  const row = await findConnectionById(runtime.db, connectionId);
  if (!row || row.status !== "active" || row.credentialType === "pit")
    return { refreshed: false, reason: "inactive" as const };
  try {
    await runtime.tokens.getAccessToken(connectionId, { marginMs: PRE_REFRESH_WINDOW_MS });
    return { refreshed: true as const };
  } catch (error) {
    // needs_reauth is final for this job: retrying cannot fix it, a person must reconnect.
    if (error instanceof GhlError && error.code === "GHL-001") {
      log.warn({ connectionId }, "pre-refresh found a connection that needs reauthorisation");
      return { refreshed: false, reason: "needs_reauth" as const };
    }
    throw error;
  }
};
