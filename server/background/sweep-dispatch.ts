import type { Db } from "../db/types";
import { getEnv } from "../env";
import { contactsSweepRequested } from "../inngest/events";
import { findUnbackfilled, markSweepRequested } from "../sync/contacts/sync-runs.repo";
import { type SweepRequest, localSweepRunner } from "./contacts-sweeps";

export type SweepDispatcher = (requests: SweepRequest[]) => Promise<void>;

/** Repeats of one request within the same minute are one Inngest event (Inngest drops the rest). */
export const sweepEventId = (request: SweepRequest, at = Date.now()) =>
  `contacts-sweep:${request.locationId}:${request.trigger}:${Math.floor(at / 60_000)}`;

/**
 * Hands sweep requests to the background driver. The request is also recorded as due in
 * `sync_state` by the caller, so a lost hand-off is picked up by the next scheduled scan.
 */
export const dispatchSweeps: SweepDispatcher = async (requests) => {
  if (requests.length === 0) return;
  if (getEnv().backgroundDriver === "inngest") {
    const { inngest } = await import("../inngest/client");
    await inngest.send(
      requests.map((r) => contactsSweepRequested.create(r, { id: sweepEventId(r) })),
    );
    return;
  }
  // The app server runs a sweeper; scripts and tests do not, and their requests stay due.
  localSweepRunner()?.enqueue(requests);
};

/** Backfill on connect: every connected location of the agency whose backfill never finished. */
export const requestBackfills = async (
  db: Db,
  agencyId: string,
  dispatch: SweepDispatcher = dispatchSweeps,
) => {
  const pending = await findUnbackfilled(db, agencyId);
  for (const key of pending) await markSweepRequested(db, key);
  await dispatch(pending.map((key) => ({ ...key, trigger: "connect" as const })));
  return pending.length;
};
