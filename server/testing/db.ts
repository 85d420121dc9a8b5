import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

import { createPglite } from "../db/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { inject } from "vitest";

import { openPostgres } from "../db/client";
import * as schema from "../db/schema";
import { APP_DB_ROLE, type Db } from "../db/types";
import { adminConnection, withDatabase } from "./db-urls";

export type TestDb = {
  /** Connected as the app role, exactly like the running app. */
  db: Db;
  /** Runs `fn` with the privileges of the migrating owner (for tamper tests and fixtures). */
  asOwner: <T>(fn: (owner: Db) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
  /** This database's URL on PostgreSQL (for child processes); null on PGlite, which one process owns. */
  url: string | null;
};

/** A fresh, migrated database for one test file, on PGlite or on the PostgreSQL at DATABASE_URL. */
export const createTestDb = async (): Promise<TestDb> => {
  const template = inject("dbTemplate");
  if (template.kind === "postgres") {
    const name = `${template.prefix}_${randomBytes(4).toString("hex")}`;
    const admin = postgres({ ...adminConnection(template.url), onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
    const url = withDatabase(template.url, name);
    const app = await openPostgres(url, 4);
    const ownerSql = postgres(url, { max: 1, onnotice: () => {} });
    const owner = drizzlePostgres(ownerSql, { schema });
    return {
      db: app.db,
      url,
      asOwner: (fn) => fn(owner),
      close: async () => {
        await Promise.all([app.close(), ownerSql.end()]);
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const client = createPglite(undefined, {
    loadDataDir: new Blob([readFileSync(template.file)], { type: "application/x-gzip" }),
  });
  await client.exec(`SET ROLE ${APP_DB_ROLE}`);
  const db = drizzlePglite(client, { schema });
  return {
    db,
    url: null,
    // PGlite has one session: step out of the app role for the call, then back in.
    asOwner: async (fn) => {
      await client.exec("RESET ROLE");
      try {
        return await fn(db);
      } finally {
        await client.exec(`SET ROLE ${APP_DB_ROLE}`);
      }
    },
    close: () => client.close(),
  };
};
