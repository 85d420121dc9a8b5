import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import type * as schema from "./schema";

/** Either driver: postgres.js against a server, or PGlite embedded in the process. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbMode = "embedded" | "postgres";

/**
 * The role app processes run as. It owns nothing, so grants bind it (it may only append to
 * audit_log); created by the migrations.
 */
export const APP_DB_ROLE = "ghlhub_app";
