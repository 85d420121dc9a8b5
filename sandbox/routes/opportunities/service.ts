import type { Sandbox } from "../../context";
import { isRecord, locationFor, str } from "../../core/access";
import type { ApiRequest } from "../../core/api-route";
import { errors } from "../../core/errors";
import type { Location, Opportunity, OpportunityStatus, Pipeline } from "../../store/types";
import { lostReasonsOf } from "./lost-reasons";
import { opportunityEventData } from "./render";

type Input = Record<string, unknown>;

const STATUSES: readonly string[] = ["open", "won", "lost", "abandoned"];

/** An opportunity the token may touch: unknown ids are a 400, another location's a 403. */
export const opportunityFor = (sandbox: Sandbox, token: ApiRequest["token"], id?: string) => {
  const opportunity = id ? sandbox.state.opportunities.get(id) : undefined;
  if (!opportunity) throw errors.badRequest(`Opportunity with id ${id ?? ""} not found`);
  const location = locationFor(sandbox, token, opportunity.locationId);
  return { opportunity, location };
};

export const pipelineFor = (sandbox: Sandbox, location: Location, id: unknown): Pipeline => {
  const pipeline = typeof id === "string" ? sandbox.state.pipelines.get(id) : undefined;
  if (!pipeline || pipeline.locationId !== location.id)
    throw errors.badRequest(`Pipeline with id ${String(id)} not found`);
  return pipeline;
};

const firstStage = (pipeline: Pipeline) =>
  [...pipeline.stages].sort((a, b) => a.position - b.position)[0]?.id ?? "";

/** `all` is in the spec's enum for writes too (REFERENCE §5.3 quirk) but is no status to set. */
export const writeStatus = (value: unknown): OpportunityStatus | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !STATUSES.includes(value))
    throw errors.unprocessable([
      `status must be one of the following values: ${STATUSES.join(", ")}`,
    ]);
  return value as OpportunityStatus;
};

const lostReasonIn = (location: Location, value: unknown) => {
  const id = str(value);
  if (!id) return null;
  const reason = lostReasonsOf(location).find((r) => r.id === id);
  if (!reason) throw errors.badRequest(`Lost reason with id ${id} not found`);
  return reason.id;
};

/** Write items are `{id | key, field_value}`; read items are `{id, fieldValue}`. */
const customFieldValues = (
  sandbox: Sandbox,
  location: Location,
  input: unknown,
  current: Opportunity["customFields"],
) => {
  if (!Array.isArray(input)) return current;
  const fields = [...sandbox.state.customFields.values()].filter(
    (f) => f.locationId === location.id && f.model === "opportunity",
  );
  const next = new Map(current.map((item) => [item.id, item.fieldValue]));
  for (const item of input) {
    if (!isRecord(item)) continue;
    const field = fields.find(
      (f) =>
        f.id === item.id ||
        (typeof item.key === "string" &&
          (f.fieldKey === item.key || f.fieldKey === `opportunity.${item.key}`)),
    );
    if (!field) continue;
    const value = item.field_value;
    const empty = value === null || value === undefined || value === "";
    if (empty || (Array.isArray(value) && value.length === 0)) next.delete(field.id);
    else next.set(field.id, value);
  }
  return [...next].map(([id, fieldValue]) => ({ id, fieldValue }));
};

/** The fields a create, update or upsert body sets; pipeline and stage must belong together. */
export const patchFrom = (
  sandbox: Sandbox,
  location: Location,
  body: Input,
  existing?: Opportunity,
): Partial<Opportunity> => {
  const patch: Partial<Opportunity> = {};
  const pipeline =
    body.pipelineId !== undefined
      ? pipelineFor(sandbox, location, body.pipelineId)
      : existing && pipelineFor(sandbox, location, existing.pipelineId);
  if (pipeline) {
    const stageId = str(body.pipelineStageId);
    if (stageId && !pipeline.stages.some((s) => s.id === stageId))
      throw errors.badRequest(
        `Pipeline stage with id ${stageId} not found in pipeline ${pipeline.id}`,
      );
    const kept = existing && pipeline.stages.some((s) => s.id === existing.pipelineStageId);
    patch.pipelineId = pipeline.id;
    patch.pipelineStageId = stageId ?? (kept ? existing.pipelineStageId : firstStage(pipeline));
  }
  const name = str(body.name)?.trim();
  if (name) patch.name = name;
  const status = writeStatus(body.status);
  if (status) patch.status = status;
  if (typeof body.monetaryValue === "number") patch.monetaryValue = body.monetaryValue;
  if ("assignedTo" in body) patch.assignedTo = str(body.assignedTo) || null;
  if ("source" in body) patch.source = str(body.source) || null;
  if ("customFields" in body)
    patch.customFields = customFieldValues(
      sandbox,
      location,
      body.customFields,
      existing?.customFields ?? [],
    );
  const finalStatus = patch.status ?? existing?.status;
  if (finalStatus !== "lost") patch.lostReasonId = null;
  else if ("lostReasonId" in body) patch.lostReasonId = lostReasonIn(location, body.lostReasonId);
  return patch;
};

/** With "Allow duplicate opportunities" off, a contact has one open opportunity per pipeline. */
const assertNoDuplicate = (sandbox: Sandbox, location: Location, o: Opportunity) => {
  if (location.settings.allowDuplicateOpportunity || o.status !== "open") return;
  for (const other of sandbox.state.opportunities.values()) {
    if (
      other.id !== o.id &&
      other.locationId === location.id &&
      other.contactId === o.contactId &&
      other.pipelineId === o.pipelineId &&
      other.status === "open"
    )
      throw errors.badRequest("Can not create duplicate opportunity for the contact.");
  }
};

const emit = (sandbox: Sandbox, type: string, o: Opportunity) =>
  sandbox.emit({ type, locationId: o.locationId, data: opportunityEventData(o) });

export const createOpportunity = (sandbox: Sandbox, location: Location, body: Input) => {
  const contactId = str(body.contactId);
  const contact = contactId ? sandbox.state.contacts.get(contactId) : undefined;
  // Another location's contact does not exist as far as this location is concerned.
  if (!contact || contact.locationId !== location.id)
    throw errors.badRequest(`Contact with id ${contactId ?? ""} not found`);
  if (!str(body.name)?.trim()) throw errors.unprocessable(["name should not be empty"]);
  const now = sandbox.clock.now();
  const opportunity: Opportunity = {
    id: sandbox.ids.ghl(),
    locationId: location.id,
    name: "",
    pipelineId: "",
    pipelineStageId: "",
    status: "open",
    monetaryValue: 0,
    contactId: contact.id,
    assignedTo: null,
    source: null,
    lostReasonId: null,
    customFields: [],
    followers: [],
    lastStatusChangeAt: now,
    lastStageChangeAt: now,
    createdAt: now,
    updatedAt: now,
    ...patchFrom(sandbox, location, body),
  };
  assertNoDuplicate(sandbox, location, opportunity);
  sandbox.state.opportunities.set(opportunity.id, opportunity);
  emit(sandbox, "OpportunityCreate", opportunity);
  return opportunity;
};

/** Applies a patch and emits OpportunityUpdate plus the narrower events for what changed. */
export const updateOpportunity = (
  sandbox: Sandbox,
  location: Location,
  o: Opportunity,
  patch: Partial<Opportunity>,
) => {
  const next = { ...o, ...patch };
  assertNoDuplicate(sandbox, location, next);
  const now = Math.max(sandbox.clock.now(), o.updatedAt + 1);
  const stage = next.pipelineStageId !== o.pipelineStageId || next.pipelineId !== o.pipelineId;
  const status = next.status !== o.status;
  const money = next.monetaryValue !== o.monetaryValue;
  const assigned = next.assignedTo !== o.assignedTo;
  Object.assign(o, patch, {
    updatedAt: now,
    lastStageChangeAt: stage ? now : o.lastStageChangeAt,
    lastStatusChangeAt: status ? now : o.lastStatusChangeAt,
  });
  emit(sandbox, "OpportunityUpdate", o);
  if (stage) emit(sandbox, "OpportunityStageUpdate", o);
  if (status) emit(sandbox, "OpportunityStatusUpdate", o);
  if (money) emit(sandbox, "OpportunityMonetaryValueUpdate", o);
  if (assigned) emit(sandbox, "OpportunityAssignedToUpdate", o);
  return o;
};

export const deleteOpportunity = (sandbox: Sandbox, o: Opportunity) => {
  sandbox.state.opportunities.delete(o.id);
  emit(sandbox, "OpportunityDelete", o);
};

export const followerIds = (value: unknown) =>
  Array.isArray(value) ? value.filter((f): f is string => typeof f === "string") : [];
