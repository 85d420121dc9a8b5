import { type SQL, and, asc, eq, gt, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

import { ghlConnections, ghlOauthStates } from "../db/schema";
import type { Db } from "../db/types";
import { CryptoError, type Encryption, type SecretContext } from "./encryption";
import { connectionSecretContext, oauthStateSecretContext } from "./secret-contexts";

export type RotationResult = {
  /** Secrets found under an older key. */
  scanned: number;
  /** Secrets re-encrypted under the current key. */
  rotated: number;
  /** Compare-and-set misses: a concurrent writer changed the row, which was re-read and retried. */
  skippedChanged: number;
  /** Secrets that could not be decrypted (unknown key id, wrong context, damaged); left untouched. */
  failed: number;
  /** Secrets still under an older key after the run; remove old keys only once this is 0. */
  remaining: number;
};

/** A row changed by refreshes on every attempt is left for the next run rather than spun on. */
const MAX_ATTEMPTS = 5;

const staleIn = (column: PgColumn, prefix: string): SQL =>
  and(isNotNull(column), sql`not starts_with(${column}, ${prefix})`) as SQL;

/** Counts secrets (not rows) still encrypted under a key other than `currentKeyId`. */
export const countStaleSecrets = async (db: Db, currentKeyId: string): Promise<number> => {
  const prefix = `v1.${currentKeyId}.`;
  const countOf = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const stale = (column: PgColumn) =>
    sql<number>`count(*) filter (where ${staleIn(column, prefix)})`.mapWith(Number);
  const [access, refresh, verifier] = await Promise.all([
    countOf(db.select({ n: stale(ghlConnections.accessTokenEnc) }).from(ghlConnections)),
    countOf(db.select({ n: stale(ghlConnections.refreshTokenEnc) }).from(ghlConnections)),
    countOf(db.select({ n: stale(ghlOauthStates.codeVerifierEnc) }).from(ghlOauthStates)),
  ]);
  return access + refresh + verifier;
};

type Tally = Omit<RotationResult, "remaining">;

/** The secret under the current key: unchanged if it already is, undefined if it cannot be read. */
const reencrypt = (
  encryption: Encryption,
  ciphertext: string,
  context: SecretContext,
  tally: Tally,
): string | undefined => {
  try {
    if (encryption.keyIdOf(ciphertext) === encryption.currentKeyId) return ciphertext;
    return encryption.encrypt(encryption.decrypt(ciphertext, context), context);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    tally.failed += 1;
    return undefined;
  }
};

type ConnectionRow = {
  id: string;
  agencyId: string;
  ghlLocationId: string | null;
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
};

const connectionColumns = {
  id: ghlConnections.id,
  agencyId: ghlConnections.agencyId,
  ghlLocationId: ghlConnections.ghlLocationId,
  accessTokenEnc: ghlConnections.accessTokenEnc,
  refreshTokenEnc: ghlConnections.refreshTokenEnc,
};

const rotateConnection = async (
  db: Db,
  encryption: Encryption,
  first: ConnectionRow,
  tally: Tally,
) => {
  let row: ConnectionRow | undefined = first;
  for (let attempt = 0; row && attempt < MAX_ATTEMPTS; attempt += 1) {
    const access = reencrypt(
      encryption,
      row.accessTokenEnc,
      connectionSecretContext(row, "access_token"),
      tally,
    );
    const refresh =
      row.refreshTokenEnc === null
        ? null
        : reencrypt(
            encryption,
            row.refreshTokenEnc,
            connectionSecretContext(row, "refresh_token"),
            tally,
          );
    if (access === undefined || refresh === undefined) return;
    const changed = Number(access !== row.accessTokenEnc) + Number(refresh !== row.refreshTokenEnc);
    if (changed === 0) return;
    // Compare-and-set on both ciphertexts: a refresh that committed since our read wins, untouched.
    const updated = await db
      .update(ghlConnections)
      .set({
        accessTokenEnc: access,
        refreshTokenEnc: refresh,
        // Re-encryption is not a change of the token.
        updatedAt: sql`${ghlConnections.updatedAt}`,
      })
      .where(
        and(
          eq(ghlConnections.id, row.id),
          eq(ghlConnections.accessTokenEnc, row.accessTokenEnc),
          row.refreshTokenEnc === null
            ? isNull(ghlConnections.refreshTokenEnc)
            : eq(ghlConnections.refreshTokenEnc, row.refreshTokenEnc),
        ),
      )
      .returning({ id: ghlConnections.id });
    if (updated.length > 0) {
      tally.rotated += changed;
      return;
    }
    tally.skippedChanged += 1;
    [row] = await db
      .select(connectionColumns)
      .from(ghlConnections)
      .where(eq(ghlConnections.id, row.id));
  }
};

const rotateConnections = async (
  db: Db,
  encryption: Encryption,
  batchSize: number,
  tally: Tally,
) => {
  const prefix = `v1.${encryption.currentKeyId}.`;
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select(connectionColumns)
      .from(ghlConnections)
      .where(
        and(
          after === undefined ? undefined : gt(ghlConnections.id, after),
          or(
            staleIn(ghlConnections.accessTokenEnc, prefix),
            staleIn(ghlConnections.refreshTokenEnc, prefix),
          ),
        ),
      )
      .orderBy(asc(ghlConnections.id))
      .limit(batchSize);
    for (const row of rows) {
      tally.scanned +=
        Number(!row.accessTokenEnc.startsWith(prefix)) +
        Number(row.refreshTokenEnc !== null && !row.refreshTokenEnc.startsWith(prefix));
      await rotateConnection(db, encryption, row, tally);
    }
    if (rows.length < batchSize) return;
    after = rows.at(-1)?.id;
  }
};

type StateRow = { stateHash: string; agencyId: string; codeVerifierEnc: string };

const stateColumns = {
  stateHash: ghlOauthStates.stateHash,
  agencyId: ghlOauthStates.agencyId,
  codeVerifierEnc: ghlOauthStates.codeVerifierEnc,
};

const rotateState = async (db: Db, encryption: Encryption, first: StateRow, tally: Tally) => {
  let row: StateRow | undefined = first;
  for (let attempt = 0; row && attempt < MAX_ATTEMPTS; attempt += 1) {
    const verifier = reencrypt(
      encryption,
      row.codeVerifierEnc,
      oauthStateSecretContext(row),
      tally,
    );
    if (verifier === undefined || verifier === row.codeVerifierEnc) return;
    const updated = await db
      .update(ghlOauthStates)
      .set({ codeVerifierEnc: verifier })
      .where(
        and(
          eq(ghlOauthStates.stateHash, row.stateHash),
          eq(ghlOauthStates.codeVerifierEnc, row.codeVerifierEnc),
        ),
      )
      .returning({ stateHash: ghlOauthStates.stateHash });
    if (updated.length > 0) {
      tally.rotated += 1;
      return;
    }
    tally.skippedChanged += 1;
    [row] = await db
      .select(stateColumns)
      .from(ghlOauthStates)
      .where(eq(ghlOauthStates.stateHash, row.stateHash));
  }
};

const rotateStates = async (db: Db, encryption: Encryption, batchSize: number, tally: Tally) => {
  const prefix = `v1.${encryption.currentKeyId}.`;
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select(stateColumns)
      .from(ghlOauthStates)
      .where(
        and(
          after === undefined ? undefined : gt(ghlOauthStates.stateHash, after),
          staleIn(ghlOauthStates.codeVerifierEnc, prefix),
        ),
      )
      .orderBy(asc(ghlOauthStates.stateHash))
      .limit(batchSize);
    for (const row of rows) {
      tally.scanned += 1;
      await rotateState(db, encryption, row, tally);
    }
    if (rows.length < batchSize) return;
    after = rows.at(-1)?.stateHash;
  }
};

/**
 * Re-encrypts every stored secret that is not under the current key, one row at a time with a
 * compare-and-set UPDATE, so it runs safely next to the live app and can be re-run at any point.
 * Rows are paged by primary key, so a row that cannot be rotated is counted, not retried forever.
 */
export const rotateSecrets = async (
  db: Db,
  encryption: Encryption,
  options: { batchSize?: number } = {},
): Promise<RotationResult> => {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("batchSize must be ≥ 1");
  const tally: Tally = { scanned: 0, rotated: 0, skippedChanged: 0, failed: 0 };
  await rotateConnections(db, encryption, batchSize, tally);
  await rotateStates(db, encryption, batchSize, tally);
  return { ...tally, remaining: await countStaleSecrets(db, encryption.currentKeyId) };
};
