import type { Db } from "../../db/types";
import type { GhlRuntime } from "../../ghl/runtime";
import type { MirrorWrites } from "./mirror-writes";

export type EventTenant = { agencyId: string; locationId: string | null };

export type HandlerInput = {
  inboxId: string;
  ghlType: string;
  body: Record<string, unknown>;
  tenant: EventTenant;
  /** The version to stamp when the payload has no `dateUpdated`: the webhook's own timestamp. */
  fallbackVersion: Date;
};

/**
 * What a webhook does. `prepare` runs first, outside any transaction (calls to GHL; must be
 * idempotent); `apply` runs in the same transaction that marks the event processed, so its database
 * effects happen exactly once. Both may be absent: the event is then only published.
 */
export type EventHandler = {
  /** Which tenant the event needs: a location (mirror changes) or only the agency (app lifecycle). */
  scope: "location" | "agency";
  prepare?: (
    input: HandlerInput,
    deps: { db: Db; ghl: () => Promise<GhlRuntime> },
  ) => Promise<void>;
  apply?: (tx: Db, input: HandlerInput) => Promise<string | void>;
  /**
   * Mirror handlers only: validates the payload (throwing like `apply`) and adds its change to
   * `writes`, so a batch of events is written in a few statements. Returns what changed, for logs.
   */
  stage?: (input: HandlerInput, writes: MirrorWrites) => string;
};
