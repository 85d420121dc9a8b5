import path from "node:path";

import { createPglite } from "./pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";

import { getEnv } from "../env";
import { acquireEmbeddedLock } from "./embedded-lock";
import { migrateEmbedded } from "./migrate";
import * as schema from "./schema";
import { APP_DB_ROLE, type Db, type DbMode } from "./types";

export type DbHandle = { db: Db; mode: DbMode; close: () => Promise<void> };

export const embeddedDataDir = (dataDir: string) => path.resolve(dataDir, "pglite");

/** Opens PGlite, migrates it as the owner, then drops to the app role for everything else. */
export const openEmbedded = async (dataDir: string): Promise<DbHandle> => {
  const dir = embeddedDataDir(dataDir);
  const release = acquireEmbeddedLock(path.dirname(dir));
  const client = createPglite(dir);
  await migrateEmbedded(client);
  await client.exec(`SET ROLE ${APP_DB_ROLE}`);
  return {
    db: drizzlePglite(client, { schema }),
    mode: "embedded",
    close: async () => {
      await client.close();
      release();
    },
  };
};

export const openPostgres = async (url: string, poolMax: number): Promise<DbHandle> => {
  const sql = postgres(url, {
    max: poolMax,
    onnotice: () => {},
    // A startup parameter, so every pooled connection runs as the app role from its first query.
    connection: { role: APP_DB_ROLE },
  });
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw new Error(
      `Cannot use the database at DATABASE_URL as role ${APP_DB_ROLE}: ${(error as Error).message}. ` +
        "Check that PostgreSQL is running, run `npm run db:migrate`, and that the user may SET ROLE " +
        `${APP_DB_ROLE} (GRANT ${APP_DB_ROLE} TO <user>).`,
      { cause: error },
    );
  }
  return { db: drizzlePostgres(sql, { schema }), mode: "postgres", close: () => sql.end() };
};

// One handle per process: Next bundles routes, instrumentation and server actions as separate
// module graphs, and PGlite must never be opened twice.
const store = globalThis as typeof globalThis & { __ghlhubDb?: Promise<DbHandle> };

export const getDbHandle = (): Promise<DbHandle> => {
  if (!store.__ghlhubDb) {
    const env = getEnv();
    store.__ghlhubDb = env.DATABASE_URL
      ? openPostgres(env.DATABASE_URL, env.DATABASE_POOL_MAX)
      : openEmbedded(env.DATA_DIR);
    store.__ghlhubDb.catch(() => {
      store.__ghlhubDb = undefined;
    });
  }
  return store.__ghlhubDb;
};

export const getDb = async (): Promise<Db> => (await getDbHandle()).db;
