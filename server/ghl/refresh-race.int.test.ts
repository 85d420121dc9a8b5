import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ghlConnections } from "../db/schema";
import { DEMO_APP } from "~/sandbox/seed/demo-world";
import { createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../testing/ghl";
import { findLocationConnection } from "./connections/connections.repo";

const PROCESSES = 20;

type Racer = { child: ChildProcessWithoutNullStreams; lines: AsyncIterator<string> };

const spawnRacer = (env: Record<string, string>): Racer => {
  const child = spawn(process.execPath, ["--import", "tsx", "server/ghl/testing/refresh-race.ts"], {
    env: { ...process.env, ...env },
  });
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
};

const nextLine = async (racer: Racer) => String((await racer.lines.next()).value ?? "");

// Separate processes need a database they can all open: PGlite belongs to one process.
describe.runIf(process.env.DATABASE_URL)("refresh race across processes", () => {
  let t: TestDb;
  let bed: GhlTestbed;
  beforeAll(async () => {
    t = await createTestDb();
    // Strict single-use refresh tokens: a second use of the same one is invalid_grant.
    bed = await startGhlTestbed(t.db);
  });
  afterAll(async () => {
    await bed?.close();
    await t?.close();
  });

  it(`${PROCESSES} processes asking at the moment of expiry cause one refresh and no invalid_grant`, async () => {
    const a = await createAgencyFixture(t.db);
    await connectThroughOAuth(
      bed,
      { agencyId: a.agency.id, userId: a.owner.id },
      { companyId: "SmmtGrwthPrtnrs00001", locations: ["AustinDentalStudio01"] },
    );
    const connection = await findLocationConnection(t.db, a.agency.id, "AustinDentalStudio01");
    await t.db
      .update(ghlConnections)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(ghlConnections.id, connection!.id));
    bed.sandbox.control.resetStats();

    const racers = Array.from({ length: PROCESSES }, () =>
      spawnRacer({
        RACE_DATABASE_URL: t.url ?? "",
        RACE_API_URL: bed.sandbox.url,
        RACE_CLIENT_ID: DEMO_APP.clientId,
        RACE_CLIENT_SECRET: DEMO_APP.clientSecret,
        RACE_KEY: bed.encryptionKey.toString("base64"),
        RACE_CONNECTION_ID: connection!.id,
      }),
    );
    try {
      expect(await Promise.all(racers.map(nextLine))).toEqual(Array(PROCESSES).fill("ready"));
      for (const racer of racers) racer.child.stdin.write("go\n");
      const results = (await Promise.all(racers.map(nextLine))).map(
        (line) => JSON.parse(line) as { ok: boolean; token?: string; error?: string },
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(new Set(results.map((r) => r.token)).size).toBe(1);
      expect(bed.sandbox.control.stats().tokenEndpoint).toMatchObject({
        refresh_token: 1,
        failed: 0,
      });
    } finally {
      for (const racer of racers) racer.child.kill();
    }
  }, 90_000);
});
