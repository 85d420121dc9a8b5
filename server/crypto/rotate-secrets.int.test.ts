import { randomBytes } from "node:crypto";

import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ghlConnections, ghlOauthStates } from "../db/schema";
import { type TestDb, createTestDb } from "../testing/db";
import { createAgencyFixture } from "../testing/factories";
import { type Encryption, createEncryption } from "./encryption";
import { countStaleSecrets, rotateSecrets } from "./rotate-secrets";
import { connectionSecretContext, oauthStateSecretContext } from "./secret-contexts";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
/** A process before the flip: only key A. */
const onlyA = createEncryption({ keys: new Map([["A", keyA]]), currentKeyId: "A" });
/** A process after the flip: both keys, B current. */
const withB = createEncryption({
  keys: new Map([
    ["A", keyA],
    ["B", keyB],
  ]),
  currentKeyId: "B",
});

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

type Plain = { access: string; refresh: string | null };

const token = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

/** `count` location connections and a company connection, every secret under key A. */
const seedConnections = async (agencyId: string, count: number) => {
  const plain = new Map<string, Plain[]>();
  const rows = [
    { kind: "company" as const, ghlLocationId: null },
    ...Array.from({ length: count }, () => ({
      kind: "location" as const,
      ghlLocationId: `loc${randomBytes(6).toString("hex")}`,
    })),
  ];
  for (const [i, shape] of rows.entries()) {
    const row = { agencyId, ...shape };
    const value = { access: token("access"), refresh: i % 3 === 0 ? null : token("refresh") };
    const [inserted] = await t.db
      .insert(ghlConnections)
      .values({
        ...row,
        ghlCompanyId: "company-1",
        accessTokenEnc: onlyA.encrypt(value.access, connectionSecretContext(row, "access_token")),
        refreshTokenEnc:
          value.refresh === null
            ? null
            : onlyA.encrypt(value.refresh, connectionSecretContext(row, "refresh_token")),
      })
      .returning({ id: ghlConnections.id });
    plain.set(inserted!.id, [value]);
  }
  return plain;
};

const seedStates = async (agencyId: string, userId: string, count: number) => {
  const plain = new Map<string, string>();
  for (let i = 0; i < count; i += 1) {
    const stateHash = randomBytes(32).toString("hex");
    const verifier = token("verifier");
    await t.db.insert(ghlOauthStates).values({
      stateHash,
      agencyId,
      userId,
      codeVerifierEnc: onlyA.encrypt(verifier, oauthStateSecretContext({ agencyId })),
      scopes: ["contacts.readonly"],
      expiresAt: new Date(Date.now() + 600_000),
    });
    plain.set(stateHash, verifier);
  }
  return plain;
};

const readConnections = (agencyId: string) =>
  t.db
    .select({
      id: ghlConnections.id,
      agencyId: ghlConnections.agencyId,
      ghlLocationId: ghlConnections.ghlLocationId,
      accessTokenEnc: ghlConnections.accessTokenEnc,
      refreshTokenEnc: ghlConnections.refreshTokenEnc,
      version: ghlConnections.version,
    })
    .from(ghlConnections)
    .where(eq(ghlConnections.agencyId, agencyId))
    .orderBy(asc(ghlConnections.id));

/** Like the app's token refresh: new tokens, version + 1, encrypted by `encryption`. */
const refreshRow = async (encryption: Encryption, id: string, value: Plain) => {
  const [row] = await t.db
    .select({ agencyId: ghlConnections.agencyId, ghlLocationId: ghlConnections.ghlLocationId })
    .from(ghlConnections)
    .where(eq(ghlConnections.id, id));
  await t.db
    .update(ghlConnections)
    .set({
      accessTokenEnc: encryption.encrypt(
        value.access,
        connectionSecretContext(row!, "access_token"),
      ),
      refreshTokenEnc: encryption.encrypt(
        value.refresh!,
        connectionSecretContext(row!, "refresh_token"),
      ),
      version: sql`${ghlConnections.version} + 1`,
    })
    .where(eq(ghlConnections.id, id));
};

describe("rotateSecrets", () => {
  it("moves every secret to the new key with zero failed reads and no clobbered refresh", async () => {
    const { agency, owner } = await createAgencyFixture(t.db);
    const connections = await seedConnections(agency.id, 60);
    const states = await seedStates(agency.id, owner.id, 5);
    const ids = (await readConnections(agency.id)).map((row) => row.id);
    // The last rows of the first batch: rotation reads them long before it writes them.
    const batchSize = 25;
    const [refreshedByOldProcess, refreshedByNewProcess] = [
      ids[batchSize - 1]!,
      ids[batchSize - 2]!,
    ];
    const writes = new Map([
      [refreshedByOldProcess, { access: token("new-access"), refresh: token("new-refresh") }],
      [refreshedByNewProcess, { access: token("new-access"), refresh: token("new-refresh") }],
    ]);
    const secretsOf = (id: string) => (connections.get(id)![0]!.refresh === null ? 1 : 2);
    for (const [id, value] of writes) connections.get(id)!.push(value);

    let rotating = true;
    let started!: () => void;
    const rotationStarted = new Promise<void>((resolve) => (started = resolve));
    const observed: Encryption = {
      ...withB,
      decrypt: (ciphertext, context) => {
        started();
        return withB.decrypt(ciphertext, context);
      },
    };

    const failures: string[] = [];
    let reads = 0;
    const reader = async () => {
      while (rotating) {
        for (const row of await readConnections(agency.id)) {
          try {
            const access = withB.decrypt(
              row.accessTokenEnc,
              connectionSecretContext(row, "access_token"),
            );
            const refresh =
              row.refreshTokenEnc === null
                ? null
                : withB.decrypt(row.refreshTokenEnc, connectionSecretContext(row, "refresh_token"));
            const known = connections.get(row.id)!;
            if (!known.some((v) => v.access === access && v.refresh === refresh)) {
              failures.push(`row ${row.id} decrypted to an unknown value`);
            }
          } catch (error) {
            failures.push(`row ${row.id}: ${String(error)}`);
          }
          reads += 1;
        }
        for (const row of await t.db.select().from(ghlOauthStates)) {
          try {
            const verifier = withB.decrypt(row.codeVerifierEnc, oauthStateSecretContext(row));
            if (verifier !== states.get(row.stateHash)) failures.push("wrong code verifier");
          } catch (error) {
            failures.push(`state: ${String(error)}`);
          }
          reads += 1;
        }
      }
    };
    const writer = async () => {
      await rotationStarted;
      // A process not yet restarted still encrypts under A; a restarted one under B.
      await refreshRow(onlyA, refreshedByOldProcess, writes.get(refreshedByOldProcess)!);
      await refreshRow(withB, refreshedByNewProcess, writes.get(refreshedByNewProcess)!);
    };

    const readers = [reader(), reader()];
    const writing = writer();
    const result = await rotateSecrets(t.db, observed, { batchSize });
    rotating = false;
    await Promise.all([...readers, writing]);

    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(61 * 2);
    const secrets = 61 + 40 + 5;
    expect(result).toEqual({
      scanned: secrets,
      // After its re-read the row refreshed under B needed no work; the one under A needed both.
      rotated: secrets - secretsOf(refreshedByNewProcess) - secretsOf(refreshedByOldProcess) + 2,
      skippedChanged: 2,
      failed: 0,
      remaining: 0,
    });

    for (const row of await readConnections(agency.id)) {
      expect(withB.keyIdOf(row.accessTokenEnc)).toBe("B");
      if (row.refreshTokenEnc !== null) expect(withB.keyIdOf(row.refreshTokenEnc)).toBe("B");
      const value = connections.get(row.id)!.at(-1)!;
      expect(withB.decrypt(row.accessTokenEnc, connectionSecretContext(row, "access_token"))).toBe(
        value.access,
      );
      if (value.refresh !== null) {
        expect(
          withB.decrypt(row.refreshTokenEnc!, connectionSecretContext(row, "refresh_token")),
        ).toBe(value.refresh);
      }
      // Re-encryption is not a refresh: only the writer's rows moved their version fence.
      expect(row.version).toBe(writes.has(row.id) ? 2 : 1);
    }
    for (const row of await t.db.select().from(ghlOauthStates)) {
      expect(withB.keyIdOf(row.codeVerifierEnc)).toBe("B");
      expect(withB.decrypt(row.codeVerifierEnc, oauthStateSecretContext(row))).toBe(
        states.get(row.stateHash),
      );
    }
    expect(await countStaleSecrets(t.db, "B")).toBe(0);
    expect(await rotateSecrets(t.db, withB)).toEqual({
      scanned: 0,
      rotated: 0,
      skippedChanged: 0,
      failed: 0,
      remaining: 0,
    });
  });

  it("counts and leaves a secret it cannot decrypt, and finishes the rest", async () => {
    const { agency } = await createAgencyFixture(t.db);
    const connections = await seedConnections(agency.id, 3);
    const [broken, moved] = [...connections.keys()];
    const lost = createEncryption({
      keys: new Map([["gone", randomBytes(32)]]),
      currentKeyId: "gone",
    });
    const rows = await readConnections(agency.id);
    const brokenRow = rows.find((row) => row.id === broken)!;
    const movedRow = rows.find((row) => row.id === moved)!;
    await t.db
      .update(ghlConnections)
      .set({
        // Under a key nobody has any more, and a ciphertext copied from another tenant's row.
        accessTokenEnc: lost.encrypt("x", connectionSecretContext(brokenRow, "access_token")),
      })
      .where(eq(ghlConnections.id, broken!));
    await t.db
      .update(ghlConnections)
      .set({ accessTokenEnc: brokenRow.accessTokenEnc })
      .where(eq(ghlConnections.id, moved!));

    const before = await countStaleSecrets(t.db, "B");
    const result = await rotateSecrets(t.db, withB, { batchSize: 2 });
    expect(result.failed).toBe(2);
    expect(result.remaining).toBe(
      2 + Number(brokenRow.refreshTokenEnc !== null) + Number(movedRow.refreshTokenEnc !== null),
    );
    expect(result.rotated).toBe(before - result.remaining);
    const after = await readConnections(agency.id);
    expect(after.find((row) => row.id === broken)?.accessTokenEnc).toMatch(/^v1\.gone\./);
    expect(after.find((row) => row.id === moved)?.accessTokenEnc).toBe(brokenRow.accessTokenEnc);
  });
});
