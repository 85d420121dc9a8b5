import { type Column, type SQL, and, asc, eq, or, sql } from "drizzle-orm";

import { contacts, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import { rowColumns } from "./contacts.repo";

/**
 * Counting stops here: past it the UI says "1,000+". Every match counted is a table row read
 * (~3 µs, far more on a busy machine), so with 10,000 a page of a million-row location cost
 * 30–100 ms for the count alone; 1,000 keeps any search or filter well under 50 ms.
 */
export const TOTAL_CAP = 1_000;

/** The same expression as `contacts_name_trgm_idx`, so LIKE and `<%` can use the index. */
export const searchable = sql`lower(coalesce(${contacts.name}, '') || ' ' || coalesce(${contacts.email}, ''))`;

/** `%`, `_` and `\` typed by a person are literals, not LIKE wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const PHONE_LIKE = /^[\d\s()+.-]+$/;
/**
 * Typo tolerance is for names only: on emails and numbers word similarity matches thousands of
 * near-identical addresses ("user999123" ~ "user999124").
 */
const NAME_LIKE = /^[\p{L}\s'.-]{4,}$/u;

/** The digits to look for in phones (indexed by trigram), when the text looks like a number. */
const phoneDigits = (text: string) => {
  const digits = text.replace(/\D/g, "");
  return PHONE_LIKE.test(text) && digits.length >= 3 ? digits : null;
};

/**
 * Name/email infix (trigram index), typo-tolerant word similarity, and the phone's digits when the
 * text looks like a phone number. Every piece of input is a bound parameter.
 */
export const searchCondition = (search: string): SQL | undefined => {
  const text = search.trim().toLowerCase();
  if (!text) return undefined;
  const digits = phoneDigits(text);
  return or(
    // Backslash is LIKE's default escape character, which escapeLike relies on.
    sql`${searchable} like ${`%${escapeLike(text)}%`}`,
    NAME_LIKE.test(text) ? sql`${text} <% ${searchable}` : undefined,
    digits ? sql`${contacts.phone} like ${`%${digits}%`}` : undefined,
  );
};

/**
 * Best first: the name's first word is the text, the name starts with it, a later word does, it is
 * anywhere in name or email, the phone holds it; then typo-tolerant matches. Ranked on the
 * haystack each hit computed once: a few LIKEs on a short string cost next to nothing, while
 * word_similarity costs ~10 µs a row (a second per 100,000 matches), so it only orders the last
 * tier, which is small by construction.
 */
const rankOf = (text: string, hit: { haystack: SQL.Aliased<string>; phone: SQL | Column }) => {
  const literal = escapeLike(text);
  const digits = phoneDigits(text);
  const tier = sql`case
    when ${hit.haystack} like ${`${literal} %`} then 0
    when ${hit.haystack} like ${`${literal}%`} then 1
    when ${hit.haystack} like ${`% ${literal}%`} then 2
    when ${hit.haystack} like ${`%${literal}%`} then 3
    ${digits ? sql`when ${hit.phone} like ${`%${digits}%`} then 4` : sql``}
    else 5 end`;
  const fuzz = sql`case when ${tier} = 5 then word_similarity(${text}, ${hit.haystack}) end`;
  return [sql`${tier} asc`, sql`${fuzz} desc nulls last`];
};

type RankedQuery = { where: SQL | undefined; search: string; page: number; pageSize: number };

/**
 * At most TOTAL_CAP + 1 matches, each with the haystack it is ranked on, and the order to rank
 * them in. Past the cap (three letters of a common name in a location of a million) the page is
 * ranked among the first TOTAL_CAP matches found, not all of them: the UI says "1,000+", and
 * typing on narrows it. Ranking every match would cost seconds.
 */
const rankedHits = (db: Db, query: RankedQuery) => {
  const hits = db.$with("hits").as(
    db
      .select({
        ...rowColumns,
        tags: sql<string[]>`coalesce(${contacts.tags}, '{}'::text[])`.as("tags"),
        haystack: sql<string>`${searchable}`.as("haystack"),
      })
      .from(contacts)
      .where(query.where)
      .limit(TOTAL_CAP + 1),
  );
  const { haystack: _haystack, ...row } = hits._.selectedFields;
  const text = query.search.trim().toLowerCase();
  return {
    hits,
    row: { ...row, total: sql<number>`count(*) over ()`.mapWith(Number) },
    order: [...rankOf(text, hits), sql`${hits.dateUpdated} desc nulls last`, asc(hits.ghlId)],
    offset: (query.page - 1) * query.pageSize,
  };
};

/** The page without its per-row total, and the capped total (counted apart past the last page). */
const toPage = async <T extends { total: number }>(
  db: Db,
  query: RankedQuery,
  offset: number,
  rows: T[],
) => {
  const found = rows[0]?.total ?? (offset > 0 ? await countCapped(db, query.where) : 0);
  return {
    items: rows.map(({ total: _total, ...item }) => item),
    total: Math.min(found, TOTAL_CAP),
    totalCapped: found > TOTAL_CAP,
  };
};

/** A page of one location's search hits by relevance, and the total, in one pass. */
export const rankedLocationPage = async (db: Db, query: RankedQuery) => {
  const { hits, row, order, offset } = rankedHits(db, query);
  const rows = await db
    .with(hits)
    .select(row)
    .from(hits)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset(offset);
  return toPage(db, query, offset, rows);
};

/** The same across locations, with each hit's location name (this agency's locations only). */
export const rankedAgencyPage = async (db: Db, query: RankedQuery & { agencyId: string }) => {
  const { hits, row, order, offset } = rankedHits(db, query);
  const rows = await db
    .with(hits)
    .select({ ...row, locationName: locations.name })
    .from(hits)
    .innerJoin(
      locations,
      and(eq(locations.id, hits.locationId), eq(locations.agencyId, query.agencyId)),
    )
    .orderBy(...order)
    .limit(query.pageSize)
    .offset(offset);
  return toPage(db, query, offset, rows);
};

export const countCapped = async (db: Db, where: SQL | undefined) => {
  const capped = db
    .select({ one: sql`1` })
    .from(contacts)
    .where(where)
    .limit(TOTAL_CAP + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return row?.n ?? 0;
};
