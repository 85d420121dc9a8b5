import type { z } from "zod";

import { FIRST_NAMES, LAST_NAMES } from "~/sandbox/seed/names";

import type { searchContacts } from "../../../ghl/catalog/contacts/contact-operations";
import type { TContactFilters, TContactSort } from "../contacts.schemas";

/** What a person does in the contacts page, as the dashboard asks the mirror for it. */
export type MirrorAsk =
  | {
      kind: "list";
      search?: string;
      sort: TContactSort;
      direction: "asc" | "desc";
      filters?: TContactFilters;
      page: number;
    }
  | { kind: "searchAll"; search: string };

/** The same, asked of GoHighLevel's POST /contacts/search; null where GHL has no equivalent. */
export type GhlAsk = z.input<(typeof searchContacts)["input"]> | null;

/** Real values to search for, drawn from the data each side holds. */
export type Samples = {
  emails: string[];
  phones: string[];
  tags: string[];
  field: { id: string; values: string[] };
};

export type SearchCase = { kind: string; mirror: MirrorAsk; ghl: GhlAsk };

export const PAGE_SIZE = 25;
/** Offset 9,975: as deep as GHL's page-based search goes (page × pageLimit ≤ 10,000). */
const DEEP_PAGE = 400;

const at = <T>(values: readonly T[], i: number): T => values[i % values.length] as T;
/** What a person has typed after three letters of a first name ("jen"). */
const PREFIXES = [...new Set(FIRST_NAMES.map((n) => n.slice(0, 3).toLowerCase()))];
/** Three letters from inside a last name ("ill" of Williams): infix, not prefix. */
const INFIXES = [...new Set(LAST_NAMES.filter((n) => n.length >= 5).map((n) => n.slice(1, 4)))].map(
  (s) => s.toLowerCase(),
);

const SORTS = [
  { sort: "name", direction: "asc", ghl: "firstNameLowerCase" },
  { sort: "name", direction: "desc", ghl: "firstNameLowerCase" },
  { sort: "email", direction: "asc", ghl: "email" },
  { sort: "dateAdded", direction: "desc", ghl: "dateAdded" },
] as const;

const newest = [{ field: "dateUpdated", direction: "desc" as const }];
const list = (ask: Partial<Extract<MirrorAsk, { kind: "list" }>>): MirrorAsk => ({
  kind: "list",
  sort: ask.search ? "relevance" : "dateUpdated",
  direction: "desc",
  page: 1,
  ...ask,
});

/** The i-th query of each kind: every kind cycles through different values, as people do. */
export const KINDS: Record<string, (s: Samples, i: number) => Omit<SearchCase, "kind">> = {
  "name as you type (3 letters)": (_, i) => ({
    mirror: list({ search: at(PREFIXES, i) }),
    ghl: { query: at(PREFIXES, i), pageLimit: PAGE_SIZE },
  }),
  "name substring (3 letters)": (_, i) => ({
    mirror: list({ search: at(INFIXES, i) }),
    ghl: { query: at(INFIXES, i), pageLimit: PAGE_SIZE },
  }),
  "exact email": (s, i) => ({
    mirror: list({ search: at(s.emails, i) }),
    ghl: { filters: [{ field: "email", operator: "eq", value: at(s.emails, i) }], pageLimit: 25 },
  }),
  "phone (E.164)": (s, i) => ({
    mirror: list({ search: at(s.phones, i) }),
    ghl: { filters: [{ field: "phone", operator: "eq", value: at(s.phones, i) }], pageLimit: 25 },
  }),
  "tag filter": (s, i) => ({
    mirror: list({ filters: { tags: [at(s.tags, i)], tagMode: "any" } }),
    ghl: {
      filters: [{ field: "tags", operator: "eq", value: [at(s.tags, i)] }],
      sort: newest,
      pageLimit: PAGE_SIZE,
    },
  }),
  "custom field filter": (s, i) => ({
    mirror: list({
      filters: { customField: { id: s.field.id, value: at(s.field.values, i) }, tagMode: "any" },
    }),
    ghl: {
      filters: [
        { field: `customFields.${s.field.id}`, operator: "eq", value: at(s.field.values, i) },
      ],
      sort: newest,
      pageLimit: PAGE_SIZE,
    },
  }),
  "default list, first page": () => ({
    mirror: list({}),
    ghl: { sort: newest, pageLimit: PAGE_SIZE },
  }),
  [`default list, page ${DEEP_PAGE}`]: () => ({
    mirror: list({ page: DEEP_PAGE }),
    ghl: { sort: newest, pageLimit: PAGE_SIZE, page: DEEP_PAGE },
  }),
  "sorted by a column (name, email, added)": (_, i) => {
    const by = at(SORTS, i);
    return {
      mirror: list({ sort: by.sort, direction: by.direction }),
      ghl: { sort: [{ field: by.ghl, direction: by.direction }], pageLimit: PAGE_SIZE },
    };
  },
  // GHL searches one location per call: an agency-wide search has no single-call equivalent.
  "agency-wide search (all locations)": (_, i) => ({
    mirror: { kind: "searchAll", search: at(PREFIXES, i + 7) },
    ghl: null,
  }),
};

export const casesFor = (samples: Samples, i: number): SearchCase[] =>
  Object.entries(KINDS).map(([kind, make]) => ({ kind, ...make(samples, i) }));
