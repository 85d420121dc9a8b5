import type { Sandbox } from "../../context";
import { int, str } from "../../core/access";
import { errors } from "../../core/errors";
import { ofLocation } from "../../store/state";
import type { Location, Opportunity } from "../../store/types";
import { type Extras, renderOpportunity } from "./render";

export const flag = (value: unknown) => value === true || value === "true";

/** `q` matches the opportunity's name and its contact's name, email, phone and company. */
export const textMatcher = (sandbox: Sandbox, text: string | undefined) => {
  const q = text?.trim().toLowerCase();
  if (!q) return () => true;
  return (o: Opportunity) => {
    const c = sandbox.state.contacts.get(o.contactId);
    const haystack = [o.name, c?.firstName, c?.lastName, c?.email, c?.phone, c?.companyName]
      .filter(Boolean)
      .join(" ")
      .toLowerCase();
    return haystack.includes(q);
  };
};

/** `mm-dd-yyyy`, as the GET search's `date` / `endDate` take it; the day in UTC. */
const day = (value: unknown, end: boolean) => {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(str(value) ?? "");
  if (!match) return undefined;
  const start = Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2]));
  return end ? start + 86_399_999 : start;
};

const PARAM_FILTERS: [string, (o: Opportunity) => string | null][] = [
  ["pipeline_id", (o) => o.pipelineId],
  ["pipeline_stage_id", (o) => o.pipelineStageId],
  ["contact_id", (o) => o.contactId],
  ["assigned_to", (o) => o.assignedTo],
  ["id", (o) => o.id],
];

/**
 * GET /opportunities/search: snake_case filters, newest first unless `order=added_asc`, paged by
 * `page` or by the (`startAfter` = createdAt ms, `startAfterId`) cursor that `meta` hands back.
 */
export const searchByQuery = (
  sandbox: Sandbox,
  location: Location,
  query: Record<string, unknown>,
) => {
  const limit = Math.min(Math.max(int(query.limit, 20), 1), 100);
  const status = str(query.status);
  const from = day(query.date, false) ?? Number.NEGATIVE_INFINITY;
  const to = day(query.endDate, true) ?? Number.POSITIVE_INFINITY;
  const matchesText = textMatcher(sandbox, str(query.q));
  const direction = str(query.order) === "added_asc" ? 1 : -1;
  const all = ofLocation(sandbox.state.opportunities, location.id)
    .filter(
      (o) =>
        PARAM_FILTERS.every(([key, read]) => !str(query[key]) || read(o) === str(query[key])) &&
        (!status || status === "all" || o.status === status) &&
        o.createdAt >= from &&
        o.createdAt <= to &&
        matchesText(o),
    )
    .sort((a, b) => (a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)) * direction);

  const afterId = str(query.startAfterId);
  const after = int(query.startAfter, Number.NaN);
  let start = (Math.max(int(query.page, 1), 1) - 1) * limit;
  if (afterId && Number.isFinite(after)) {
    const beyond = (o: Opportunity) =>
      (o.createdAt - after || (o.id < afterId ? -1 : o.id > afterId ? 1 : 0)) * direction > 0;
    const index = all.findIndex(beyond);
    start = index < 0 ? all.length : index;
  }
  const page = all.slice(start, start + limit);
  const last = page.at(-1);
  const currentPage = Math.floor(start / limit) + 1;
  const more = start + limit < all.length && last !== undefined;
  const extras: Extras = {
    notes: flag(query.getNotes),
    tasks: flag(query.getTasks),
    calendarEvents: flag(query.getCalendarEvents),
  };
  const next = new URL("/opportunities/search", sandbox.baseUrl());
  for (const [key, value] of Object.entries(query))
    if (
      typeof value === "string" &&
      key !== "startAfter" &&
      key !== "startAfterId" &&
      key !== "page"
    )
      next.searchParams.set(key, value);
  if (more) {
    next.searchParams.set("startAfter", String(last.createdAt));
    next.searchParams.set("startAfterId", last.id);
    next.searchParams.set("page", String(currentPage + 1));
  }
  // The spec types these as non-null; where there is no next or previous page they are left out.
  const meta = {
    total: all.length,
    ...(more
      ? {
          nextPageUrl: next.toString(),
          startAfterId: last.id,
          startAfter: last.createdAt,
          nextPage: currentPage + 1,
        }
      : {}),
    currentPage,
    ...(currentPage > 1 ? { prevPage: currentPage - 1 } : {}),
  };
  return {
    opportunities: page.map((o) => renderOpportunity(sandbox, o, extras)),
    meta,
    aggregations: {},
  };
};

export const searchRequestLimit = (value: unknown) => {
  const limit = int(value, 20);
  if (limit < 1) throw errors.unprocessable(["limit must not be less than 1"]);
  if (limit > 500) throw errors.unprocessable(["limit must not be greater than 500"]);
  return limit;
};
