import { setConnectionStatus } from "../../domains/locations/locations.repo";
import type { Db } from "../../db/types";
import { notFound } from "../../errors";
import { log } from "../../log";
import type { GhlRuntime } from "../runtime";
import { type ConnectionRow, listAgencyConnections, markDisconnected } from "./connections.repo";
import { targetOf } from "./targets";

/**
 * Uninstalls the app at GHL (which revokes its tokens there) and deletes the tokens here. Local
 * removal happens even when GHL cannot be reached: a person asking to disconnect must not be left
 * connected.
 */
export const disconnect = async (runtime: GhlRuntime, agencyId: string, connectionId: string) => {
  const connections = await listAgencyConnections(runtime.db, agencyId);
  const row = connections.find((c) => c.id === connectionId);
  if (!row) throw notFound({ type: "ghl_connection", id: connectionId });
  if (row.status === "active") {
    const body =
      row.kind === "company"
        ? { companyId: row.ghlCompanyId }
        : { locationId: row.ghlLocationId ?? undefined };
    await runtime.api.marketplace
      .uninstall(targetOf(runtime, row, row.locationId), runtime.appId, {
        ...body,
        reason: "Disconnected in GHL Hub",
      })
      .catch((error: unknown) =>
        log.warn(
          { err: error, connectionId },
          "GHL uninstall failed; removing the tokens locally anyway",
        ),
      );
  }
  const affected = await forgetGrants(runtime.db, agencyId, row, connections);
  return { disconnected: affected };
};

/**
 * Deletes the tokens of a grant here and marks its locations disconnected: after our own
 * uninstall, or when GHL reports one (UNINSTALL webhook). Returns how many grants were removed.
 */
export const forgetGrants = async (
  db: Db,
  agencyId: string,
  row: ConnectionRow,
  connections: ConnectionRow[],
) => {
  // An agency grant covers every location token minted from it.
  const affected =
    row.kind === "company"
      ? connections.filter((c) => c.credentialType === "oauth" || c.id === row.id)
      : [row];
  for (const connection of affected) await markDisconnected(db, agencyId, connection.id);
  const ghlIds = affected.flatMap((c) => (c.ghlLocationId ? [c.ghlLocationId] : []));
  if (row.kind === "company") {
    await setConnectionStatus(db, agencyId, "disconnected");
    // Private Integration Tokens do not belong to the app, so the uninstall leaves them working.
    const pits = connections.filter(
      (c) => c.credentialType === "pit" && c.status === "active" && c.ghlLocationId,
    );
    if (pits.length > 0)
      await setConnectionStatus(
        db,
        agencyId,
        "connected",
        pits.map((c) => c.ghlLocationId ?? ""),
      );
  } else if (ghlIds.length > 0) await setConnectionStatus(db, agencyId, "disconnected", ghlIds);
  return affected.length;
};
