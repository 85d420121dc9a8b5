import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db/types";
import type { GhlRuntime } from "../ghl/runtime";
import { log } from "../log";
import { isKnownGhlType, normaliseEventType } from "./event-types";
import { HANDLERS } from "./handlers";
import type { EventTenant } from "./handlers/types";
import { type ClaimedEvent, markFailed, markIgnored, markProcessed } from "./inbox.repo";
import { parseStoredBody } from "./payload";
import { PermanentEventError, isFinalAttempt } from "./retry-policy";
import { resolveTenant } from "./tenant";

/** What GHL Hub publishes for automations once an event is processed. */
export type HubEvent = {
  inboxId: string;
  type: string;
  ghlType: string;
  agencyId: string;
  locationId: string | null;
  ghlLocationId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
};

export type ProcessResult =
  | { status: "processed"; summary: string; published: HubEvent }
  | { status: "ignored"; reason: string }
  | { status: "failed" | "dead"; error: string }
  /** Another worker's claim superseded ours; nothing was applied. */
  | { status: "lost" };

export type ProcessDeps = {
  db: Db;
  ghl: () => Promise<GhlRuntime>;
  /** When a failed attempt may run again; null means never (the event is dead). */
  retryAt: (event: ClaimedEvent) => Date | null;
};

export class LostClaimError extends Error {}

export const processedResult = (
  event: ClaimedEvent,
  tenant: EventTenant,
  summary: string,
  body: Record<string, unknown>,
): ProcessResult => ({
  status: "processed",
  summary,
  published: {
    inboxId: event.id,
    type: normaliseEventType(event.ghlType) ?? event.ghlType,
    ghlType: event.ghlType,
    agencyId: tenant.agencyId,
    locationId: tenant.locationId,
    ghlLocationId: event.ghlLocationId,
    occurredAt: (event.eventAt ?? event.receivedAt).toISOString(),
    data: body,
  },
});

const errorText = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const ignore = async (
  db: Db,
  event: ClaimedEvent,
  tenant: { agencyId: string | null; locationId: string | null },
  reason: string,
): Promise<ProcessResult> => {
  const rows = await markIgnored(db, event, tenant, reason);
  if (rows.length === 0) return { status: "lost" };
  await recordAudit(db, {
    ...tenant,
    actorType: "system",
    action: "webhook.ignored",
    targetType: "webhook_event",
    targetId: event.id,
    outcome: "success",
    details: { ghlType: event.ghlType, ghlLocationId: event.ghlLocationId, reason },
  });
  return { status: "ignored", reason };
};

/**
 * Runs one claimed event through its handler. The tenant comes from the signed ids; the handler's
 * database effects commit in the same transaction as the `processed` mark, so a crash either
 * applies both or neither, and a replay re-applies idempotently (newest version wins).
 */
export const processClaimedEvent = async (
  deps: ProcessDeps,
  event: ClaimedEvent,
): Promise<ProcessResult> => {
  const { db } = deps;
  let tenant: EventTenant | null = null;
  try {
    const body = parseStoredBody(event.rawBody);
    if (!isKnownGhlType(event.ghlType)) {
      const guess = await resolveTenant(db, event, "location");
      const named = guess.ok
        ? guess.tenant
        : { agencyId: guess.agencyId, locationId: guess.locationId };
      return await ignore(db, event, named, `unknown event type "${event.ghlType}"`);
    }
    const handler = HANDLERS[event.ghlType];
    const resolution = await resolveTenant(db, event, handler.scope);
    if (!resolution.ok) {
      return await ignore(
        db,
        event,
        { agencyId: resolution.agencyId, locationId: resolution.locationId },
        resolution.reason,
      );
    }
    tenant = resolution.tenant;
    const input = {
      inboxId: event.id,
      ghlType: event.ghlType,
      body,
      tenant,
      fallbackVersion: event.eventAt ?? event.receivedAt,
    };
    await handler.prepare?.(input, { db, ghl: deps.ghl });
    const eventType = normaliseEventType(event.ghlType);
    const summary = await db.transaction(async (tx) => {
      const result = await handler.apply?.(tx, input);
      if (!(await markProcessed(tx, event, input.tenant, eventType))) throw new LostClaimError();
      return result ?? "published";
    });
    return processedResult(event, input.tenant, summary, body);
  } catch (error) {
    if (error instanceof LostClaimError) return { status: "lost" };
    const message = errorText(error);
    const retryAt =
      error instanceof PermanentEventError || isFinalAttempt(event.attempts)
        ? null
        : deps.retryAt(event);
    await markFailed(db, event, tenant, message, retryAt).catch((markError: unknown) =>
      // The lease runs out and the event is claimed again: nothing is lost.
      log.error({ err: markError, inboxId: event.id }, "could not record a webhook failure"),
    );
    log.warn(
      { inboxId: event.id, ghlType: event.ghlType, err: error },
      "webhook processing failed",
    );
    return { status: retryAt ? "failed" : "dead", error: message };
  }
};
