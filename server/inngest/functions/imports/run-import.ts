import { cron } from "inngest";

import { sweepStalledImports } from "../../../background/import-jobs";
import type { Db } from "../../../db/types";
import type { GhlRuntime } from "../../../ghl/runtime";
import { runImportJob } from "../../../imports/run/run-import-job";
import { inngest } from "../../client";
import { contactsImportRequested } from "../../events";

type Deps = { db: () => Promise<Db>; ghl: () => Promise<GhlRuntime> };

/** One step's share of the work: well under a serverless request's limit. */
export const SLICE_MS = 4 * 60_000;
const MAX_SLICES = 500;

/**
 * One import at one location, in slices of a few minutes (each a step, so a crash repeats only
 * the slice, and the rows' claims make repeating it safe). One job per location at a time: the
 * location's rate limit is the bottleneck, and a second job would only share it.
 */
export const createRunImport = ({ db, ghl }: Deps) =>
  inngest.createFunction(
    {
      id: "contacts-import-run",
      triggers: [contactsImportRequested],
      concurrency: [{ key: "event.data.locationId", limit: 1 }],
      retries: 5,
    },
    async ({ event, step }) => {
      for (let slice = 0; slice < MAX_SLICES; slice++) {
        const result = await step.run(`slice-${slice}`, async () =>
          runImportJob({ db: await db(), ghl }, event.data, { maxMs: SLICE_MS }),
        );
        if (result.finished) return result;
      }
      return { finished: false, status: "too many slices" };
    },
  );

/** Every 5 minutes: imports whose jobs stopped beating (a lost event, a crash) are sent again. */
export const createSweepImports = ({ db }: Pick<Deps, "db">) =>
  inngest.createFunction(
    { id: "contacts-import-sweep", triggers: [cron("*/5 * * * *")] },
    async ({ step }) =>
      step.run("resend-stalled", async () => {
        const database = await db();
        return sweepStalledImports(database, async (jobs) => {
          await inngest.send(jobs.map((job) => contactsImportRequested.create(job)));
        });
      }),
  );
