import { setTimeout as sleep } from "node:timers/promises";

import { classifyFailure } from "./classify-error";
import type { ClaimedRow } from "./import-rows.repo";
import { type JobRun, backoffMs, isDead } from "./job-run";
import type { Progress } from "./record-progress";
import { undoRow } from "./undo-row";
import { AmbiguousCreateError, type WriteScope, writeRow } from "./write-row";

/**
 * Writes (or undoes) one row, sending it again while GHL fails to answer, and records how it
 * ended. A failure that stops the whole location is left on `run` for the job to act on.
 */
export const sendRow = async (
  run: JobRun,
  scope: WriteScope,
  progress: Progress,
  row: ClaimedRow,
) => {
  const { job, settings } = run;
  const { finish } = progress;
  // A row claimed again was sent by a run that may have crashed before recording GHL's answer.
  let maybeSent = row.attempts > 1;
  for (let tries = 1; ; tries++) {
    if (isDead(run)) return;
    try {
      if (job.mode === "undo") {
        const { note } = await undoRow(scope, row);
        return await finish(row, { status: "undone", error: note });
      }
      const written = await writeRow(scope, row, { maybeSentBefore: maybeSent });
      return await finish(
        row,
        {
          status: "done",
          outcome: written.outcome,
          ghlContactId: written.contact.id,
          tagsBefore: written.tagsBefore,
          error: null,
        },
        written.contact,
      );
    } catch (error) {
      if (isDead(run)) return;
      const prefix = job.mode === "undo" ? "Undo failed: " : "";
      if (error instanceof AmbiguousCreateError)
        return finish(row, { status: "failed", error: error.message });
      const failure = classifyFailure(error);
      if (failure.kind === "row")
        return finish(row, { status: "failed", error: prefix + failure.message });
      if (failure.kind === "location") {
        run.locationFailure = failure.message;
        run.stopping = true;
        return;
      }
      if (failure.ambiguous) maybeSent = true;
      if (tries >= settings.maxTries) {
        return finish(row, {
          status: "failed",
          error: `${prefix}GoHighLevel did not confirm this row after ${tries} tries (last: ${failure.message})${
            job.mode === "run" && maybeSent ? " It may or may not have been written." : ""
          }`,
        });
      }
      await sleep(backoffMs(settings, tries, failure.waitMs));
    }
  }
};
