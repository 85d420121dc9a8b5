import type { Sql } from "postgres";

import {
  COMMON_TAGS,
  COMPANY_NAMES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  SOURCES,
  VERTICAL_TAGS,
} from "~/sandbox/seed/names";

/** A custom field the filled contacts carry, with the values they draw from. */
export type FillField = { id: string; values: readonly (string | number)[] };

export type MirrorFill = {
  agencyId: string;
  locationId: string;
  count: number;
  /** Prefix of the GHL ids, so the rows never collide with synced ones. */
  ghlIdPrefix: string;
  fields: readonly FillField[];
};

export const FILL_TAGS = [...(VERTICAL_TAGS.dental ?? []), ...COMMON_TAGS];

/**
 * `count` contacts in one location in a single INSERT … SELECT, with the shape a synced location
 * has: first × last names, unique emails (8% without) and E.164 phones (15% without), about one tag
 * each, custom field values on 60%, two years of dateUpdated and 0.5% tombstones. Every value is
 * derived from the row number, so each run fills the same data. Indexes are dropped for the fill
 * and rebuilt in bulk afterwards (the migration's own definitions): that is minutes faster than
 * maintaining GIN indexes row by row.
 */
export const fillMirrorContacts = async (admin: Sql, fill: MirrorFill) => {
  const indexes = await admin<{ name: string; definition: string }[]>`
    select indexname as name, indexdef as definition from pg_indexes
    where schemaname = 'public' and tablename = 'contacts'
      and indexname not in (select conname from pg_constraint where conrelid = 'contacts'::regclass)`;
  for (const { name } of indexes) await admin.unsafe(`drop index "${name}"`);
  const [fieldA, fieldB] = fill.fields;
  await admin`
    insert into contacts (agency_id, location_id, ghl_id, first_name, last_name, name, email, phone,
      company_name, source, type, country, tags, custom_fields, date_added, date_updated,
      source_version, deleted_at)
    select ${fill.agencyId}, ${fill.locationId}, ${fill.ghlIdPrefix} || lpad(g.i::text, 12, '0'),
      n.first, n.last, n.first || ' ' || n.last,
      case when h.a % 100 < 92 then lower(n.first || '.' || n.last || g.i::text || '@'
        || (${EMAIL_DOMAINS}::text[])[1 + h.b % ${EMAIL_DOMAINS.length}]) end,
      case when h.b % 100 < 85 then '+1' || (2000000000 + (g.i::bigint * 7919) % 7999999999)::text end,
      case when h.c % 100 < 30 then (${COMPANY_NAMES}::text[])[1 + h.a % ${COMPANY_NAMES.length}] end,
      (${SOURCES}::text[])[1 + h.c % ${SOURCES.length}],
      case when h.a % 5 = 0 then 'customer' else 'lead' end,
      'US',
      array(select t from unnest(${FILL_TAGS}::text[]) with ordinality p(t, k)
        where (h.d >> (k::int * 3)) & 7 = 0),
      case when h.c % 10 < 6 then jsonb_build_array(
        jsonb_build_object('id', ${fieldA?.id ?? "none"}::text,
          'value', (${JSON.stringify(fieldA?.values ?? [null])}::text::jsonb)->(h.d % ${fieldA?.values.length ?? 1})::int),
        jsonb_build_object('id', ${fieldB?.id ?? "none"}::text,
          'value', (${JSON.stringify(fieldB?.values ?? [null])}::text::jsonb)->(h.a % ${fieldB?.values.length ?? 1})::int)) end,
      t.updated - make_interval(secs => h.b % 31536000), t.updated, t.updated,
      case when h.d % 200 = 0 then t.updated end
    from generate_series(1, ${fill.count}) g(i)
    cross join lateral (select
      hashint4(g.i)::bigint + 2147483648 as a, hashint4(g.i + 1000000007)::bigint + 2147483648 as b,
      hashint4(g.i + 2000000011)::bigint + 2147483648 as c,
      hashint8(g.i)::bigint & 9223372036854775807 as d) h
    cross join lateral (select
      (${FIRST_NAMES}::text[])[1 + h.a % ${FIRST_NAMES.length}] as first,
      (${LAST_NAMES}::text[])[1 + h.b % ${LAST_NAMES.length}] as last) n
    cross join lateral (select now() - make_interval(secs => h.c % 63072000) as updated) t`;
  await admin`set maintenance_work_mem = '512MB'`;
  for (const { definition } of indexes) await admin.unsafe(definition);
  // As autovacuum leaves a table after a bulk load: statistics, and the visibility map that lets
  // a page of ids come from the index alone.
  await admin`vacuum (analyze) contacts`;
};
