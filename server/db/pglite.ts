import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** PGlite with the extensions the migrations create (PostgreSQL ships them as contrib). */
export const createPglite = (dataDir?: string, options: PGliteOptions = {}) =>
  new PGlite({ ...options, dataDir, extensions: { ...options.extensions, pg_trgm } });
