import type { Sandbox } from "../../context";
import { int, isRecord } from "../../core/access";
import { errors } from "../../core/errors";
import { ofLocation } from "../../store/state";
import type { Location, Opportunity } from "../../store/types";
import { type Extras, renderOpportunity } from "./render";
import { flag, searchRequestLimit, textMatcher } from "./search";

type Value = string | number | null;
type Read = (o: Opportunity) => Value;

/** Filter and sort fields of the advanced search, snake_case as GHL's UI sends them (I#74). */
const FIELDS: Record<string, Read> = {
  pipeline_id: (o) => o.pipelineId,
  pipeline_stage_id: (o) => o.pipelineStageId,
  status: (o) => o.status,
  assigned_to: (o) => o.assignedTo,
  contact_id: (o) => o.contactId,
  name: (o) => o.name.toLowerCase(),
  monetary_value: (o) => o.monetaryValue,
  date_added: (o) => o.createdAt,
  date_updated: (o) => o.updatedAt,
  last_stage_change_at: (o) => o.lastStageChangeAt,
  last_status_change_at: (o) => o.lastStatusChangeAt,
};

const reader = (field: unknown): Read => {
  const custom = typeof field === "string" ? /^custom_fields\.(.+)$/.exec(field) : null;
  if (custom) {
    return (o) => {
      const value = o.customFields.find((f) => f.id === custom[1])?.fieldValue;
      return typeof value === "string" || typeof value === "number" ? value : null;
    };
  }
  const read = typeof field === "string" ? FIELDS[field] : undefined;
  if (!read) throw errors.badRequest(`Invalid field ${String(field)}`);
  return read;
};

const comparable = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : value;

const compile = (node: unknown): ((o: Opportunity) => boolean) => {
  if (!isRecord(node)) throw errors.badRequest("Invalid filter");
  const read = reader(node.field);
  const { value } = node;
  const targets = (Array.isArray(value) ? (value as unknown[]) : [value]).map((v) =>
    typeof v === "string" ? v.toLowerCase() : v,
  );
  const eq = (o: Opportunity) => {
    const actual = read(o);
    return targets.some((t) => (typeof actual === "string" ? actual.toLowerCase() : actual) === t);
  };
  switch (node.operator) {
    case "eq":
      return eq;
    case "not_eq":
      return (o) => !eq(o);
    case "exists":
      return (o) => read(o) !== null;
    case "not_exists":
      return (o) => read(o) === null;
    case "range": {
      if (!isRecord(value)) throw errors.badRequest("range needs an object value");
      const [gte, lte, gt, lt] = [value.gte, value.lte, value.gt, value.lt].map(comparable);
      return (o) => {
        const actual = read(o);
        if (typeof actual !== "number") return false;
        return (
          (typeof gte !== "number" || actual >= gte) &&
          (typeof lte !== "number" || actual <= lte) &&
          (typeof gt !== "number" || actual > gt) &&
          (typeof lt !== "number" || actual < lt)
        );
      };
    }
    default:
      throw errors.badRequest(`Invalid operator ${String(node.operator)}`);
  }
};

const compare = (x: Value, y: Value) =>
  x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;

/**
 * POST /opportunities/search: `{opportunities, total, aggregations}`, paged by `page` × `limit`
 * or, deeper, by `searchAfter` — the string cursor each hit carries (the request DTO types it
 * as string[]).
 */
export const searchByBody = (
  sandbox: Sandbox,
  location: Location,
  body: Record<string, unknown>,
) => {
  const limit = searchRequestLimit(body.limit);
  const filters = Array.isArray(body.filters) ? body.filters.map(compile) : [];
  const matchesText = textMatcher(sandbox, typeof body.query === "string" ? body.query : undefined);
  const sort: unknown = Array.isArray(body.sort) ? (body.sort as unknown[])[0] : undefined;
  const sortRead = reader(isRecord(sort) ? sort.field : "date_added");
  const direction = isRecord(sort) && sort.direction === "asc" ? 1 : -1;
  const key = (o: Opportunity): [Value, string] => [sortRead(o), o.id];
  const order = (a: [Value, string], b: [Value, string]) =>
    (compare(a[0], b[0]) || compare(a[1], b[1])) * direction;

  const all = ofLocation(sandbox.state.opportunities, location.id)
    .filter((o) => matchesText(o) && filters.every((p) => p(o)))
    .sort((a, b) => order(key(a), key(b)));

  const cursor = Array.isArray(body.searchAfter)
    ? (body.searchAfter as unknown[]).map((v) => (typeof v === "string" ? v : ""))
    : [];
  let start = (Math.max(int(body.page, 1), 1) - 1) * limit;
  const [raw, afterId] = cursor;
  if (raw !== undefined && afterId !== undefined) {
    const sample = all[0] ? sortRead(all[0]) : null;
    const value: Value = raw === "" ? null : typeof sample === "number" ? Number(raw) : raw;
    const index = all.findIndex((o) => order(key(o), [value, afterId]) > 0);
    start = index < 0 ? all.length : index;
  }
  const extras: Extras = isRecord(body.additionalDetails)
    ? {
        notes: flag(body.additionalDetails.notes),
        tasks: flag(body.additionalDetails.tasks),
        calendarEvents: flag(body.additionalDetails.calendarEvents),
      }
    : {};
  return {
    opportunities: all.slice(start, start + limit).map((o) => ({
      ...renderOpportunity(sandbox, o, extras),
      searchAfter: [String(sortRead(o) ?? ""), o.id],
    })),
    total: all.length,
    aggregations: {},
  };
};
