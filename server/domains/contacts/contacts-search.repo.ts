import { type SQL, and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";

import { contacts } from "../../db/schema";
import type { Db } from "../../db/types";
import {
  TOTAL_CAP,
  countCapped,
  rankedAgencyPage,
  rankedLocationPage,
  searchCondition,
} from "./contacts-relevance.repo";
import { rowColumns } from "./contacts.repo";
import type { TContactFilters, TContactSort } from "./contacts.schemas";

const present = (column: typeof contacts.email | typeof contacts.phone, wanted: boolean) =>
  wanted ? and(isNotNull(column), ne(column, "")) : or(isNull(column), eq(column, ""));

export const filterConditions = (filters: TContactFilters | undefined): (SQL | undefined)[] => {
  if (!filters) return [];
  const tags = filters.tags ?? [];
  const tagArray = sql`array[${sql.join(
    tags.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  return [
    tags.length === 0
      ? undefined
      : filters.tagMode === "all"
        ? sql`${contacts.tags} @> ${tagArray}`
        : sql`${contacts.tags} && ${tagArray}`,
    filters.hasEmail === undefined ? undefined : present(contacts.email, filters.hasEmail),
    filters.hasPhone === undefined ? undefined : present(contacts.phone, filters.hasPhone),
    // jsonb containment (GIN jsonb_path_ops); for multi-value fields it matches one of the values.
    filters.customField
      ? sql`${contacts.customFields} @> ${JSON.stringify([
          { id: filters.customField.id, value: filters.customField.value },
        ])}::jsonb`
      : undefined,
  ];
};

/**
 * Exactly the order of `contacts_location_updated_idx` (date_updated desc nulls last, ghl_id), so
 * the default view reads one page of the index instead of sorting the location.
 */
const newestFirst = [sql`${contacts.dateUpdated} desc nulls last`, asc(contacts.ghlId)];

/**
 * Every sort is its index read forwards or backwards: A→Z puts empty values last, Z→A first (as
 * the oldest-updated-first view always has). Keeping them last both ways would need a second
 * index per column, or sorting a million rows per page.
 */
const byColumn = (column: SQL, direction: "asc" | "desc") =>
  direction === "asc"
    ? [sql`${column} asc nulls last`, asc(contacts.id)]
    : [sql`${column} desc nulls first`, desc(contacts.id)];

const orderBy = (sort: Exclude<TContactSort, "relevance">, direction: "asc" | "desc") => {
  switch (sort) {
    case "name":
      return byColumn(sql`lower(${contacts.name})`, direction);
    case "email":
      return byColumn(sql`lower(${contacts.email})`, direction);
    case "dateAdded":
      return byColumn(sql`${contacts.dateAdded}`, direction);
    case "dateUpdated":
      return direction === "desc"
        ? newestFirst
        : [sql`${contacts.dateUpdated} asc nulls first`, desc(contacts.ghlId)];
  }
};

type PageQuery = {
  sort: TContactSort;
  direction: "asc" | "desc";
  search?: string;
  filters?: TContactFilters;
  page: number;
  pageSize: number;
};

const capped = (n: number) => ({ total: Math.min(n, TOTAL_CAP), totalCapped: n > TOTAL_CAP });

/**
 * One sorted page: the ids first, from the sort's index alone (a deep page skips index entries,
 * not table rows), then those rows.
 */
const sortedPage = (db: Db, where: SQL | undefined, query: PageQuery) => {
  const order = orderBy(query.sort === "relevance" ? "dateUpdated" : query.sort, query.direction);
  const ids = db
    .select({ id: contacts.id })
    .from(contacts)
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return db
    .select(rowColumns)
    .from(contacts)
    .where(and(where, inArray(contacts.id, ids)))
    .orderBy(...order);
};

/** One page of live contacts of one location, from the mirror. */
export const listContactPage = async (
  db: Db,
  scope: { agencyId: string; locationId: string },
  query: PageQuery,
) => {
  const where = and(
    eq(contacts.agencyId, scope.agencyId),
    eq(contacts.locationId, scope.locationId),
    isNull(contacts.deletedAt),
    query.search ? searchCondition(query.search) : undefined,
    ...filterConditions(query.filters),
  );
  const paging = { page: query.page, pageSize: query.pageSize };
  if (query.sort === "relevance" && query.search?.trim()) {
    const ranked = await rankedLocationPage(db, { where, search: query.search, ...paging });
    return { ...ranked, ...paging };
  }
  const [items, n] = await Promise.all([sortedPage(db, where, query), countCapped(db, where)]);
  return { items, ...capped(n), ...paging };
};

/** Search across locations of the agency: all of them (null) or the ones a member was granted. */
export const searchAgencyContacts = async (
  db: Db,
  scope: { agencyId: string; locationIds: string[] | null },
  query: { search: string; page: number; pageSize: number },
) => {
  const paging = { page: query.page, pageSize: query.pageSize };
  if (scope.locationIds?.length === 0)
    return { items: [], total: 0, totalCapped: false, ...paging };
  const where = and(
    eq(contacts.agencyId, scope.agencyId),
    scope.locationIds ? inArray(contacts.locationId, scope.locationIds) : undefined,
    isNull(contacts.deletedAt),
    searchCondition(query.search),
  );
  const ranked = await rankedAgencyPage(db, {
    where,
    search: query.search,
    agencyId: scope.agencyId,
    ...paging,
  });
  return { ...ranked, ...paging };
};
