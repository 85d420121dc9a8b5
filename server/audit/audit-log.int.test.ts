import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog } from "../db/schema";
import { verifyAgencyChain } from "../domains/audit/audit.repo";
import { createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { recordAudit } from "./record-audit";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

const entry = (agencyId: string, action: string) =>
  ({ agencyId, actorType: "system", action, outcome: "success" }) as const;

const errorOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    return String((error as { cause?: unknown }).cause ?? error);
  }
  return "no error";
};

describe("audit_log", () => {
  it("numbers each agency's entries 1..n in a hash chain, even under concurrency", async () => {
    const { agency } = await createAgencyFixture(t.db);
    const { agency: other } = await createAgencyFixture(t.db);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAudit(t.db, entry(i % 2 ? agency.id : other.id, `test.${i}`)),
      ),
    );
    const seqs = (
      await t.db
        .select({ seq: auditLog.seq })
        .from(auditLog)
        .where(eq(auditLog.agencyId, agency.id))
    )
      .map((r) => r.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyAgencyChain(t.db, agency.id)).toEqual({
      intact: true,
      length: 20,
      firstBrokenSeq: null,
    });
  });

  it("cannot be updated, deleted or truncated by the app role", async () => {
    const { agency } = await createAgencyFixture(t.db);
    await recordAudit(t.db, entry(agency.id, "test.immutable"));
    for (const statement of [
      sql`update audit_log set action = 'forged' where agency_id = ${agency.id}`,
      sql`delete from audit_log where agency_id = ${agency.id}`,
      sql`truncate audit_log`,
    ]) {
      expect(await errorOf(() => t.db.execute(statement))).toMatch(/permission denied/);
    }
    const [row] = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.agencyId, agency.id));
    expect(row?.action).toBe("test.immutable");
  });

  it("refuses changes even from the table owner, through triggers", async () => {
    const { agency } = await createAgencyFixture(t.db);
    await recordAudit(t.db, entry(agency.id, "test.owner"));
    await t.asOwner(async (owner) => {
      expect(
        await errorOf(() =>
          owner.execute(sql`update audit_log set action = 'x' where agency_id = ${agency.id}`),
        ),
      ).toMatch(/append-only/);
      expect(
        await errorOf(() =>
          owner.execute(sql`delete from audit_log where agency_id = ${agency.id}`),
        ),
      ).toMatch(/append-only/);
      expect(await errorOf(() => owner.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    });
  });

  it("ignores a forged seq, chain or timestamp supplied by the writer", async () => {
    const { agency } = await createAgencyFixture(t.db);
    await t.db.insert(auditLog).values({
      ...entry(agency.id, "test.forged"),
      chain: "global",
      seq: 999,
      occurredAt: new Date("2001-01-01T00:00:00Z"),
    });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.agencyId, agency.id));
    expect(row).toMatchObject({ chain: agency.id, seq: 1 });
    expect(row!.occurredAt.getFullYear()).toBeGreaterThan(2001);
  });

  it("detects an edited row and a removed row when the chain is verified", async () => {
    const { agency } = await createAgencyFixture(t.db);
    for (let i = 1; i <= 5; i++)
      await recordAudit(t.db, { ...entry(agency.id, `test.${i}`), details: { i } });
    expect((await verifyAgencyChain(t.db, agency.id)).intact).toBe(true);

    // A superuser can bypass the triggers; the hash chain is what catches them.
    await t.asOwner(async (owner) => {
      await owner.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await owner.execute(
        sql`update audit_log set details = '{"i": 99}' where agency_id = ${agency.id} and seq = 3`,
      );
      await owner.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });
    expect(await verifyAgencyChain(t.db, agency.id)).toMatchObject({
      intact: false,
      firstBrokenSeq: 3,
    });

    const { agency: second } = await createAgencyFixture(t.db);
    for (let i = 1; i <= 4; i++) await recordAudit(t.db, entry(second.id, `test.${i}`));
    await t.asOwner(async (owner) => {
      await owner.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await owner.execute(sql`delete from audit_log where agency_id = ${second.id} and seq = 4`);
      await owner.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });
    expect(await verifyAgencyChain(t.db, second.id)).toMatchObject({
      intact: false,
      firstBrokenSeq: 4,
    });
  });

  it("stores details without secrets", async () => {
    const { agency } = await createAgencyFixture(t.db);
    await recordAudit(t.db, {
      ...entry(agency.id, "test.redact"),
      details: { input: { name: "ok", refreshToken: "rt-123" } },
    });
    const [row] = await t.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.agencyId, agency.id));
    expect(JSON.stringify(row?.details)).not.toContain("rt-123");
    expect(row?.details).toEqual({ input: { name: "ok", refreshToken: "[redacted]" } });
  });
});
