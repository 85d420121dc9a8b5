import { cron } from "inngest";

import { sweepEventId } from "../../../background/sweep-dispatch";
import type { Db } from "../../../db/types";
import type { GhlRuntime } from "../../../ghl/runtime";
import { sweepContacts } from "../../../sync/contacts/sweep-contacts";
import { findDueSweeps, pruneSyncRuns } from "../../../sync/contacts/sync-runs.repo";
import { inngest } from "../../client";
import { contactsSweepRequested } from "../../events";

type Deps = {
  db: () => Promise<Db>;
  ghl: () => Promise<GhlRuntime>;
  /** Tests make steps small to exercise a run that spans several. */
  pagesPerStep?: number;
  pageLimit?: number;
};

/** Pages per step: a step stays well inside a serverless request even at the rate-limit pace. */
export const PAGES_PER_STEP = 50;
/** Steps per run (Inngest caps steps per function); a longer sweep is resumed by the next scan. */
const MAX_STEPS = 400;

class SweepFailedError extends Error {
  override name = "SweepFailedError";
}

/** Every 5 minutes: one sweep request per connected location whose sweep is due. */
export const createSweepScan = ({ db }: Pick<Deps, "db">) =>
  inngest.createFunction(
    { id: "contacts-sweep-scan", triggers: [cron("*/5 * * * *")] },
    async ({ step }) => {
      const due = await step.run("find-due-locations", async () => findDueSweeps(await db()));
      if (due.length > 0) {
        await step.sendEvent(
          "request-sweeps",
          due.map((d) => {
            const request = { ...d, trigger: "schedule" as const };
            return contactsSweepRequested.create(request, { id: sweepEventId(request) });
          }),
        );
      }
      // Once an hour (the first scan of it), old history goes.
      const pruned =
        new Date().getUTCMinutes() < 5
          ? await step.run("prune-history", async () => pruneSyncRuns(await db()))
          : 0;
      return { requested: due.length, pruned };
    },
  );

/**
 * One location's sweep, one at a time per location. A long sweep runs as several steps of
 * PAGES_PER_STEP pages, each continuing the same run; a failed step is retried by Inngest and
 * resumes from the saved checkpoint.
 */
export const createSweepLocation = ({ db, ghl, pagesPerStep = PAGES_PER_STEP, pageLimit }: Deps) =>
  inngest.createFunction(
    {
      id: "contacts-sweep-location",
      triggers: [contactsSweepRequested],
      concurrency: [{ key: "event.data.locationId", limit: 1 }],
      retries: 4,
    },
    async ({ event, step }) => {
      const { trigger, ...key } = event.data;
      if (trigger === "schedule") {
        // The scan may have asked twice while an earlier request waited its turn.
        const due = await step.run("still-due", async () =>
          (await findDueSweeps(await db(), { locationId: key.locationId })).some(
            (d) => d.agencyId === key.agencyId,
          ),
        );
        if (!due) return { status: "skipped" as const, reason: "not due any more" };
      }
      let runId: string | undefined;
      let resumeAfter: (string | number)[] | undefined;
      for (let i = 0; i < MAX_STEPS; i++) {
        const outcome = await step.run(`sweep-${i}`, async () => {
          const result = await sweepContacts({ db: await db(), ghl }, key, {
            trigger,
            runId,
            resumeAfter,
            maxPages: pagesPerStep,
            pageLimit,
          });
          if (result.status === "failed") throw new SweepFailedError(result.error);
          return result;
        });
        if (outcome.status !== "partial") return outcome;
        ({ runId, resumeAfter } = outcome);
      }
      return { status: "partial" as const, runId };
    },
  );
