import { isRecord, int } from "../../core/access";
import { errors } from "../../core/errors";
import type { Contact } from "../../store/types";
import { normaliseEmail, normalisePhone } from "../../store/contact-index";

type Filter = { field: string; operator: string; value?: unknown };
type Predicate = (c: Contact) => boolean;

const FIELDS: Record<string, (c: Contact) => unknown> = {
  id: (c) => c.id,
  email: (c) => normaliseEmail(c.email),
  phone: (c) => normalisePhone(c.phone),
  firstNameLowerCase: (c) => c.firstName?.toLowerCase() ?? null,
  lastNameLowerCase: (c) => c.lastName?.toLowerCase() ?? null,
  companyName: (c) => c.companyName?.toLowerCase() ?? null,
  tags: (c) => c.tags,
  type: (c) => c.type,
  source: (c) => c.source?.toLowerCase() ?? null,
  assignedTo: (c) => c.assignedTo,
  country: (c) => c.country,
  dnd: (c) => c.dnd,
  businessId: (c) => c.businessId,
  dateAdded: (c) => c.dateAdded,
  dateUpdated: (c) => c.dateUpdated,
};

const SORTABLE = [
  "dateAdded",
  "dateUpdated",
  "firstNameLowerCase",
  "lastNameLowerCase",
  "email",
] as const;
type SortField = (typeof SORTABLE)[number];

const fieldReader = (field: string): ((c: Contact) => unknown) => {
  const custom = /^customFields?\.(.+)$/.exec(field);
  if (custom) return (c) => c.customFields.find((f) => f.id === custom[1])?.value ?? null;
  const reader = FIELDS[field];
  // Search rejects unknown fields such as `contact_name` (I#170).
  if (!reader) throw errors.badRequest(`Invalid field ${field}`);
  return reader;
};

const asComparable = (value: unknown) => {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return Date.parse(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return value;
};

const normaliseTarget = (field: string, value: unknown) => {
  if (typeof value !== "string") return value;
  if (field === "phone") return normalisePhone(value);
  return value.toLowerCase();
};

const matches = (actual: unknown, target: unknown) =>
  Array.isArray(actual)
    ? (Array.isArray(target) ? target : [target]).some((t) =>
        actual.some((a) => String(a).toLowerCase() === String(t).toLowerCase()),
      )
    : actual === target ||
      (typeof actual === "string" && typeof target === "string" && actual.toLowerCase() === target);

/** Compiles a filter (or a nested AND/OR group) from the request into a predicate. */
const compile = (node: unknown): Predicate => {
  if (!isRecord(node)) throw errors.badRequest("Invalid filter");
  if ("group" in node) {
    const children = Array.isArray(node.filters) ? node.filters.map(compile) : [];
    return node.group === "OR"
      ? (c) => children.some((p) => p(c))
      : (c) => children.every((p) => p(c));
  }
  const { field, operator, value } = node as Filter;
  if (typeof field !== "string" || typeof operator !== "string")
    throw errors.badRequest("Invalid filter");
  const read = fieldReader(field);
  const target = normaliseTarget(field, value);
  switch (operator) {
    case "eq":
      return (c) => matches(read(c), target);
    case "not_eq":
      return (c) => !matches(read(c), target);
    case "contains":
      return (c) => {
        const actual = read(c);
        return Array.isArray(actual)
          ? matches(actual, target)
          : typeof actual === "string" && actual.toLowerCase().includes(String(target));
      };
    case "not_contains":
      return (c) => !compile({ field, operator: "contains", value })(c);
    case "exists":
      return (c) => {
        const actual = read(c);
        return (
          actual !== null && actual !== undefined && !(Array.isArray(actual) && actual.length === 0)
        );
      };
    case "not_exists":
      return (c) => !compile({ field, operator: "exists" })(c);
    case "range": {
      if (!isRecord(value)) throw errors.badRequest("range needs an object value");
      const [gte, lte, gt, lt] = [value.gte, value.lte, value.gt, value.lt].map(asComparable);
      return (c) => {
        const actual = asComparable(read(c));
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
      throw errors.badRequest(`Invalid operator ${operator}`);
  }
};

const textMatcher = (query: string): Predicate => {
  const q = query.trim().toLowerCase();
  const digits = q.replace(/\D/g, "");
  return (c) =>
    `${c.firstName ?? ""} ${c.lastName ?? ""}`.toLowerCase().includes(q) ||
    (c.email?.includes(q) ?? false) ||
    (c.companyName?.toLowerCase().includes(q) ?? false) ||
    (digits.length >= 4 && (c.phone?.replace(/\D/g, "").includes(digits) ?? false));
};

const sortValue = (c: Contact, field: SortField): string | number => {
  switch (field) {
    case "dateAdded":
      return c.dateAdded;
    case "dateUpdated":
      return c.dateUpdated;
    case "email":
      return c.email ?? "";
    case "firstNameLowerCase":
      return c.firstName?.toLowerCase() ?? "";
    case "lastNameLowerCase":
      return c.lastName?.toLowerCase() ?? "";
  }
};

const MAX_PAGE_LIMIT = 500;
const MAX_DEPTH = 10_000;

export type SearchResult = {
  hits: { contact: Contact; searchAfter: (string | number)[] }[];
  total: number;
};

/**
 * POST /contacts/search over one location. Sorting by dateUpdated ascending (what reconciliation
 * sweeps use) walks the index from the `searchAfter` cursor without scanning the whole location.
 */
export const searchContacts = (
  ordered: readonly Contact[],
  body: Record<string, unknown>,
): SearchResult => {
  const pageLimit = int(body.pageLimit, Number.NaN);
  if (!Number.isFinite(pageLimit) || pageLimit < 1)
    throw errors.unprocessable([
      "pageLimit should not be empty",
      "pageLimit must be a positive number",
    ]);
  if (pageLimit > MAX_PAGE_LIMIT)
    throw errors.unprocessable([`pageLimit must not be greater than ${MAX_PAGE_LIMIT}`]);
  const page = Math.max(1, int(body.page, 1));
  const searchAfter = Array.isArray(body.searchAfter) ? body.searchAfter : null;
  if (!searchAfter && page * pageLimit > MAX_DEPTH) {
    throw errors.badRequest(
      `page * pageLimit may not exceed ${MAX_DEPTH}; use searchAfter to go deeper`,
    );
  }

  const predicates: Predicate[] = [];
  if (Array.isArray(body.filters)) predicates.push(...body.filters.map(compile));
  if (typeof body.query === "string" && body.query.trim()) predicates.push(textMatcher(body.query));
  const keep = (c: Contact) => predicates.every((p) => p(c));

  const sort: unknown = Array.isArray(body.sort) ? (body.sort as unknown[])[0] : undefined;
  const field = (
    isRecord(sort) && SORTABLE.includes(sort.field as SortField) ? sort.field : "dateAdded"
  ) as SortField;
  const direction = isRecord(sort) && sort.direction === "asc" ? 1 : isRecord(sort) ? -1 : -1;

  if (field === "dateUpdated" && direction === 1) {
    let start = 0;
    if (searchAfter) {
      const [at, id] = [Number(searchAfter[0]), String(searchAfter[1] ?? "")];
      let lo = 0;
      let hi = ordered.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = ordered[mid]!;
        if (c.dateUpdated < at || (c.dateUpdated === at && c.id <= id)) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const hits: SearchResult["hits"] = [];
    let skip = searchAfter ? 0 : (page - 1) * pageLimit;
    if (predicates.length === 0) {
      for (let i = start + skip; i < ordered.length && hits.length < pageLimit; i++) {
        const c = ordered[i]!;
        hits.push({ contact: c, searchAfter: [c.dateUpdated, c.id] });
      }
      return { hits, total: ordered.length };
    }
    let total = 0;
    for (let i = 0; i < ordered.length; i++) {
      const c = ordered[i]!;
      if (!keep(c)) continue;
      total++;
      if (i < start || hits.length >= pageLimit) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      hits.push({ contact: c, searchAfter: [c.dateUpdated, c.id] });
    }
    return { hits, total };
  }

  // Sort keys computed once per contact, not once per comparison.
  const keyed = (predicates.length === 0 ? ordered : ordered.filter(keep)).map((c) => ({
    c,
    key: sortValue(c, field),
  }));
  keyed.sort(
    (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.c.id < b.c.id ? -1 : 1) * direction,
  );
  const matched = keyed.map((entry) => entry.c);
  let from = (page - 1) * pageLimit;
  if (searchAfter) {
    const [value, id] = searchAfter as unknown[];
    const index = matched.findIndex((c) => sortValue(c, field) === value && c.id === id);
    from = index + 1;
  }
  return {
    hits: matched
      .slice(from, from + pageLimit)
      .map((c) => ({ contact: c, searchAfter: [sortValue(c, field), c.id] })),
    total: matched.length,
  };
};
