import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { createPglite } from "../db/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

import { migrateEmbedded, migratePostgresUrl } from "../db/migrate";
import { type DbTemplate, adminConnection, withDatabase } from "./db-urls";

/**
 * Migrates one template database per test run: PostgreSQL when DATABASE_URL is set, otherwise a
 * PGlite data dir dumped to a file. Each test file then gets a fresh copy of it.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `ghlhub_tpl_${runId}`;
    const admin = postgres({ ...adminConnection(url), onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${template}`);
    await migratePostgresUrl(withDatabase(url, template));
    const provided: DbTemplate = { kind: "postgres", url, template, prefix: `ghlhub_t_${runId}` };
    project.provide("dbTemplate", provided);
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`ghlhub_t_${runId}%`}`;
      for (const { datname } of leftovers)
        await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const client = createPglite();
  await migrateEmbedded(client);
  const dump = await client.dumpDataDir("gzip");
  await client.close();
  const dir = path.resolve("node_modules/.cache/ghlhub");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${runId}.tgz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  const provided: DbTemplate = { kind: "pglite", file };
  project.provide("dbTemplate", provided);
  return () => rmSync(file, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: DbTemplate;
  }
}
