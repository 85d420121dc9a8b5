import type { Db } from "../../db/types";
import { AppError, notFound } from "../../errors";
import type { Logger } from "../../log";
import { type AgencyTenant, isAgencyAdmin, type LocationRole } from "../../tenancy";
import type { AuditScope, WebhooksProvider } from "../../trpc/context";
import { findAgencyLocation, listAccessibleLocations } from "../locations/locations.repo";
import {
  type EventScope,
  REPLAYABLE,
  RETRYABLE,
  findEvent,
  listEvents,
  requeueDead,
  requeueForReplay,
  requeueForRetry,
} from "./webhooks.repo";
import type { TListWebhooksInput } from "./webhooks.schemas";

export type WebhookDeps = {
  db: Db;
  tenant: AgencyTenant;
  webhooks: WebhooksProvider;
  log: Logger;
  auditScope: AuditScope;
};

/** Agency admins reach every event; members the locations granted to them, with their role. */
type Access = { admin: true } | { admin: false; roles: Map<string, LocationRole> };

const RETRY_ALL_CAP = 1_000;

export const accessOf = async (db: Db, tenant: AgencyTenant): Promise<Access> => {
  if (isAgencyAdmin(tenant.role)) return { admin: true };
  const granted = await listAccessibleLocations(db, tenant);
  return { admin: false, roles: new Map(granted.map((l) => [l.id, l.role])) };
};

const canSee = (access: Access, locationId: string | null) =>
  access.admin || (locationId !== null && access.roles.has(locationId));

const canManage = (access: Access, locationId: string | null) =>
  access.admin || (locationId !== null && access.roles.get(locationId) === "admin");

/** The events a call covers: one location the caller can open, or everything they can see. */
export const scopeFor = async (
  { db, tenant }: Pick<WebhookDeps, "db" | "tenant">,
  locationId?: string,
) => {
  const access = await accessOf(db, tenant);
  if (locationId) {
    const visible = access.admin
      ? (await findAgencyLocation(db, tenant.agencyId, locationId)) !== null
      : access.roles.has(locationId);
    if (!visible) throw notFound({ type: "location", id: locationId });
    return { access, scope: { agencyId: tenant.agencyId, locationIds: [locationId] } };
  }
  const scope: EventScope = {
    agencyId: tenant.agencyId,
    locationIds: access.admin ? null : [...access.roles.keys()],
  };
  return { access, scope };
};

export const listWebhooks = async (deps: WebhookDeps, input: TListWebhooksInput) => {
  const { access, scope } = await scopeFor(deps, input.locationId);
  const page = await listEvents(deps.db, scope, input);
  return {
    ...page,
    items: page.items.map((item) => ({ ...item, canManage: canManage(access, item.locationId) })),
  };
};

const decodePayload = (raw: Uint8Array) => {
  const text = new TextDecoder().decode(raw);
  try {
    return { payload: JSON.stringify(JSON.parse(text), null, 2), payloadIsJson: true };
  } catch {
    return { payload: text, payloadIsJson: false };
  }
};

/** An event the caller can see; anything else, here or in another agency, is NOT_FOUND. */
const visibleEvent = async (deps: WebhookDeps, eventId: string) => {
  const [access, event] = await Promise.all([
    accessOf(deps.db, deps.tenant),
    findEvent(deps.db, deps.tenant.agencyId, eventId),
  ]);
  if (!event || !canSee(access, event.locationId))
    throw notFound({ type: "webhook_event", id: eventId });
  return { access, event };
};

export const getWebhook = async (deps: WebhookDeps, eventId: string) => {
  const { access, event } = await visibleEvent(deps, eventId);
  const { rawBody, ...rest } = event;
  return { ...rest, ...decodePayload(rawBody), canManage: canManage(access, event.locationId) };
};

const manageableEvent = async (deps: WebhookDeps, eventId: string, verb: string) => {
  const { access, event } = await visibleEvent(deps, eventId);
  if (!canManage(access, event.locationId)) {
    throw new AppError(
      "FORBIDDEN",
      event.locationId
        ? `Only admins of ${event.locationName ?? "this location"} can ${verb} its webhooks`
        : `Only agency owners and admins can ${verb} agency-level webhooks`,
    );
  }
  deps.auditScope.locationId = event.locationId;
  return event;
};

/** Never fails the call: a row left `received` is picked up by the worker's poll or the sweep. */
const dispatch = async (
  { webhooks, log }: WebhookDeps,
  rows: { id: string; ghlLocationId: string | null }[],
  idSuffix: string,
) => {
  if (rows.length === 0) return;
  try {
    const pipeline = await webhooks();
    await pipeline.dispatch(
      rows.map(({ id, ghlLocationId }) => ({ id, ghlLocationId })),
      idSuffix,
    );
  } catch (error) {
    log.warn({ err: error, rows: rows.length }, "could not hand requeued webhooks on");
  }
};

const changedMeanwhile = () =>
  new AppError("INVALID_INPUT", "This event changed in the meantime. Reload and try again.");

export const retryWebhook = async (deps: WebhookDeps, eventId: string) => {
  const event = await manageableEvent(deps, eventId, "retry");
  if (!RETRYABLE.includes(event.status)) {
    throw new AppError(
      "INVALID_INPUT",
      `Only failed or dead events can be retried; this one is ${event.status}.` +
        (REPLAYABLE.includes(event.status) ? " Replay it instead." : ""),
    );
  }
  const [row] = await requeueForRetry(deps.db, deps.tenant.agencyId, eventId);
  if (!row) throw changedMeanwhile();
  // Inngest drops a repeated event id for 24 hours: every retry needs an id of its own.
  await dispatch(deps, [row], `:retry:${Date.now()}`);
  return { id: row.id, status: row.status };
};

export const replayWebhook = async (deps: WebhookDeps, eventId: string) => {
  const event = await manageableEvent(deps, eventId, "replay");
  if (!REPLAYABLE.includes(event.status)) {
    throw new AppError(
      "INVALID_INPUT",
      event.status === "failed"
        ? "This event failed and is waiting for its next attempt; retry it instead of replaying."
        : `This event is ${event.status} right now; replay it once it has finished.`,
    );
  }
  const [row] = await requeueForReplay(deps.db, deps.tenant.agencyId, eventId);
  if (!row) throw changedMeanwhile();
  await dispatch(deps, [row], `:replay:${row.replays}`);
  return { id: row.id, status: row.status };
};

export const retryAllDeadWebhooks = async (deps: WebhookDeps, locationId?: string) => {
  const { access, scope } = await scopeFor(deps, locationId);
  if (!locationId && !access.admin)
    throw new AppError("FORBIDDEN", "Only agency owners and admins can retry every dead webhook");
  if (locationId && !canManage(access, locationId))
    throw new AppError("FORBIDDEN", "Only admins of this location can retry its webhooks");
  if (locationId) deps.auditScope.locationId = locationId;
  const rows = await requeueDead(deps.db, scope, RETRY_ALL_CAP);
  await dispatch(deps, rows, `:retry:${Date.now()}`);
  return { count: rows.length, capped: rows.length === RETRY_ALL_CAP };
};
