import { type SQL, and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";

import { contacts, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import { rowColumns } from "./contacts.repo";
import type { TContactFilters, TContactSort } from "./contacts.schemas";

/** Counting stops here: past it the UI says "10,000+" instead of scanning a whole location. */
export const TOTAL_CAP = 10_000;

/** The same expression as `contacts_name_trgm_idx`, so LIKE and `<%` can use the index. */
const searchable = sql`lower(coalesce(${contacts.name}, '') || ' ' || coalesce(${contacts.email}, ''))`;

/** `%`, `_` and `\` typed by a person are literals, not LIKE wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const PHONE_LIKE = /^[\d\s()+.-]+$/;
/**
 * Typo tolerance is for names only: on emails and numbers word similarity matches thousands of
 * near-identical addresses ("user999123" ~ "user999124").
 */
const NAME_LIKE = /^[\p{L}\s'.-]{4,}$/u;

/**
 * Name/email infix (trigram index), typo-tolerant word similarity, and the phone's digits when the
 * text looks like a phone number. Every piece of input is a bound parameter.
 */
export const searchCondition = (search: string): SQL | undefined => {
  const text = search.trim().toLowerCase();
  if (!text) return undefined;
  const pattern = `%${escapeLike(text)}%`;
  const digits = text.replace(/\D/g, "");
  return or(
    // Backslash is LIKE's default escape character, which escapeLike relies on.
    sql`${searchable} like ${pattern}`,
    NAME_LIKE.test(text) ? sql`${text} <% ${searchable}` : undefined,
    PHONE_LIKE.test(text) && digits.length >= 3
      ? sql`${contacts.phone} like ${`%${digits}%`}`
      : undefined,
  );
};

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
 * Exactly the order of `contacts_location_updated_idx` (location, date_updated desc nulls last,
 * ghl_id), so the default view reads one page of the index instead of sorting the location.
 */
const newestFirst = [sql`${contacts.dateUpdated} desc nulls last`, asc(contacts.ghlId)];

const orderBy = (sort: TContactSort, direction: "asc" | "desc", search: string | undefined) => {
  const dir = direction === "asc" ? asc : desc;
  const nulls = (column: SQL) =>
    direction === "asc" ? sql`${column} asc nulls last` : sql`${column} desc nulls last`;
  switch (sort) {
    case "relevance":
      return search?.trim()
        ? [sql`word_similarity(${search.trim().toLowerCase()}, ${searchable}) desc`, ...newestFirst]
        : newestFirst;
    case "name":
      return [nulls(sql`lower(${contacts.name})`), dir(contacts.id)];
    case "email":
      return [nulls(sql`${contacts.email}`), dir(contacts.id)];
    case "dateAdded":
      return [nulls(sql`${contacts.dateAdded}`), dir(contacts.id)];
    case "dateUpdated":
      return direction === "desc"
        ? newestFirst
        : [sql`${contacts.dateUpdated} asc nulls first`, desc(contacts.ghlId)];
  }
};

type PageQuery = {
  where: SQL | undefined;
  sort: TContactSort;
  direction: "asc" | "desc";
  search?: string;
  page: number;
  pageSize: number;
};

const countCapped = async (db: Db, where: SQL | undefined) => {
  const capped = db
    .select({ one: sql`1` })
    .from(contacts)
    .where(where)
    .limit(TOTAL_CAP + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  const n = row?.n ?? 0;
  return { total: Math.min(n, TOTAL_CAP), totalCapped: n > TOTAL_CAP };
};

/** One page of live contacts of one location, from the mirror. */
export const listContactPage = async (
  db: Db,
  scope: { agencyId: string; locationId: string },
  query: Omit<PageQuery, "where"> & { filters?: TContactFilters },
) => {
  const where = and(
    eq(contacts.agencyId, scope.agencyId),
    eq(contacts.locationId, scope.locationId),
    isNull(contacts.deletedAt),
    query.search ? searchCondition(query.search) : undefined,
    ...filterConditions(query.filters),
  );
  const [items, count] = await Promise.all([
    db
      .select(rowColumns)
      .from(contacts)
      .where(where)
      .orderBy(...orderBy(query.sort, query.direction, query.search))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    countCapped(db, where),
  ]);
  return { items, ...count, page: query.page, pageSize: query.pageSize };
};

/** Search across locations of the agency: all of them (null) or the ones a member was granted. */
export const searchAgencyContacts = async (
  db: Db,
  scope: { agencyId: string; locationIds: string[] | null },
  query: { search: string; page: number; pageSize: number },
) => {
  if (scope.locationIds?.length === 0)
    return { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
  const where = and(
    eq(contacts.agencyId, scope.agencyId),
    scope.locationIds ? inArray(contacts.locationId, scope.locationIds) : undefined,
    isNull(contacts.deletedAt),
    searchCondition(query.search),
  );
  const [items, count] = await Promise.all([
    db
      .select({ ...rowColumns, locationName: locations.name })
      .from(contacts)
      .innerJoin(
        locations,
        and(eq(locations.id, contacts.locationId), eq(locations.agencyId, scope.agencyId)),
      )
      .where(where)
      .orderBy(...orderBy("relevance", "desc", query.search))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    countCapped(db, where),
  ]);
  return { items, ...count, page: query.page, pageSize: query.pageSize };
};
