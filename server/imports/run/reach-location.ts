import { setTimeout as sleep } from "node:timers/promises";

import { locationTarget } from "../../ghl/connections/targets";
import type { GhlTarget } from "../../ghl/http";
import type { GhlRuntime } from "../../ghl/runtime";
import { classifyFailure } from "./classify-error";
import type { LoadedJob } from "./job-status";
import { type RunnerSettings, backoffMs } from "./job-run";

/**
 * The location's GHL target (its token), retried while GHL answers with something transient.
 * A refusal that will not pass (no grant, no scope) is returned as a message for the rows.
 */
export const reachLocation = async (
  runtime: GhlRuntime,
  loaded: LoadedJob,
  settings: RunnerSettings,
): Promise<{ target: GhlTarget } | { refused: string }> => {
  for (let tries = 1; ; tries++) {
    try {
      return { target: await locationTarget(runtime, loaded.agencyId, loaded.location) };
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind !== "transient") return { refused: failure.message };
      // Minting a location token shares the agency's rate limit: many jobs starting at once wait.
      if (tries >= settings.maxTries || settings.signal?.aborted === true) throw error;
      await sleep(backoffMs(settings, tries, failure.waitMs));
    }
  }
};
