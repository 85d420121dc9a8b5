import { and, eq } from "drizzle-orm";

import { contactImportRows, contactImports, locations } from "../db/schema";
import { findLocationConnection } from "../ghl/connections/connections.repo";
import { targetOf } from "../ghl/connections/targets";
import { type GhlHttp, createGhlHttp } from "../ghl/http";
import { breakerFor, resetBreakers } from "../ghl/resilience";
import { createGhlRuntime } from "../ghl/runtime";
import type { SandboxOptions } from "~/sandbox/index";
import { sourceOf } from "./byte-source";
import { type TestDb, createTestDb } from "./db";
import { createAgencyFixture } from "./factories";
import { connectThroughOAuth, startGhlTestbed } from "./ghl";
import type { ColumnMapping } from "../imports/mapping/targets";
import { ZImportOptions } from "../imports/plan/import-options";
import { planImport } from "../imports/plan/plan-import";
import { markRunning, markUndoing } from "../imports/run/import-transitions";
import { type RunnerOptions, runImportJob } from "../imports/run/run-import-job";

export { sourceOf };

export const SUMMIT = "SmmtGrwthPrtnrs00001";

/**
 * A database, the GHL sandbox with a scaled-down rate limit, an agency connected to some of its
 * locations, and a GHL layer with a short HTTP timeout and quick breakers: imports run in seconds.
 */
export const startImportBed = async ({
  ghlLocationIds,
  rateLimit = { burst: 200, windowMs: 1_000 },
  timeoutMs = 1_500,
  sandbox = {},
}: {
  ghlLocationIds: string[];
  rateLimit?: { burst: number; windowMs: number };
  timeoutMs?: number;
  sandbox?: SandboxOptions;
}) => {
  const t: TestDb = await createTestDb();
  const bed = await startGhlTestbed(t.db, {
    rateLimit: { ...rateLimit, daily: 10_000_000 },
    ...sandbox,
  });
  const fx = await createAgencyFixture(t.db);
  await connectThroughOAuth(
    bed,
    { agencyId: fx.agency.id, userId: fx.owner.id },
    { companyId: SUMMIT, locations: ghlLocationIds },
  );
  const runtime = createGhlRuntime({
    db: t.db,
    cipher: bed.runtime.cipher,
    config: { ...bed.runtime.config, rateLimit },
  });
  const http = createGhlHttp({
    apiBaseUrl: bed.sandbox.url,
    tokens: runtime.tokens,
    limiter: runtime.limiter,
    callLog: runtime.callLog,
    timeoutMs,
  });
  const rows = await t.db
    .select({ id: locations.id, ghlLocationId: locations.ghlLocationId, name: locations.name })
    .from(locations)
    .where(eq(locations.agencyId, fx.agency.id));
  const locationOf = (ghlLocationId: string) => {
    const row = rows.find((l) => l.ghlLocationId === ghlLocationId);
    if (!row) throw new Error(`${ghlLocationId} is not connected`);
    return row;
  };
  /** Breakers that half-open after 200 ms instead of 15 s. */
  const quickBreakers = () => {
    resetBreakers();
    for (const id of ghlLocationIds) breakerFor(`${runtime.config.clientId}:${id}`, 200);
  };
  quickBreakers();
  const importLocations = rows.map((l) => ({ ...l, connectionStatus: "connected" }));

  return {
    t,
    db: t.db,
    bed,
    fx,
    runtime,
    http,
    locationOf,
    quickBreakers,
    ghl: () => Promise.resolve({ ...runtime, http }),
    opFor: async (ghlLocationId: string) => {
      const connection = await findLocationConnection(t.db, fx.agency.id, ghlLocationId);
      return {
        http,
        target: targetOf(runtime, connection!, locationOf(ghlLocationId).id),
        ghlLocationId,
      };
    },
    plan: (csv: string | Uint8Array, mapping: ColumnMapping, options: unknown) =>
      planImport({
        db: t.db,
        agencyId: fx.agency.id,
        userId: fx.owner.id,
        fileName: "test.csv",
        open: sourceOf(csv),
        encoding: "utf-8",
        mapping,
        options: ZImportOptions.parse(options),
        locations: importLocations,
      }),
    start: (importId: string) => markRunning(t.db, { agencyId: fx.agency.id, importId }),
    startUndo: (importId: string) => markUndoing(t.db, { agencyId: fx.agency.id, importId }),
    /** Runs every location's job to the end (in parallel, as the drivers do). */
    runAll: async (importId: string, mode: "run" | "undo", options: RunnerOptions = {}) => {
      const ids =
        mode === "run"
          ? await markRunning(t.db, { agencyId: fx.agency.id, importId })
          : await markUndoing(t.db, { agencyId: fx.agency.id, importId });
      return Promise.all(
        (ids ?? []).map((locationId) =>
          runImportJob(
            { db: t.db, ghl: () => Promise.resolve(runtime), http },
            { importId, locationId, mode },
            options,
          ),
        ),
      );
    },
    runJob: (
      importId: string,
      locationId: string,
      mode: "run" | "undo",
      options: RunnerOptions = {},
      via: GhlHttp = http,
    ) =>
      runImportJob(
        { db: t.db, ghl: () => Promise.resolve(runtime), http: via },
        { importId, locationId, mode },
        options,
      ),
    importRow: async (importId: string) => {
      const [row] = await t.db.select().from(contactImports).where(eq(contactImports.id, importId));
      return row!;
    },
    rowsOf: (importId: string) =>
      t.db.select().from(contactImportRows).where(eq(contactImportRows.importId, importId)),
    rowsAt: (importId: string, line: number) =>
      t.db
        .select()
        .from(contactImportRows)
        .where(and(eq(contactImportRows.importId, importId), eq(contactImportRows.line, line))),
    /** The sandbox's contacts of a location. */
    sandboxContacts: (ghlLocationId: string) => [
      ...bed.sandbox.sandbox.state.contacts.ofLocation(ghlLocationId),
    ],
    close: async () => {
      bed.sandbox.control.faults.clear();
      await runtime.callLog.flush();
      await bed.close();
      await t.close();
    },
  };
};

export type ImportBed = Awaited<ReturnType<typeof startImportBed>>;
