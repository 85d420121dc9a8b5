/**
 * One "GHL Hub process" for the cross-process refresh race: its own token manager on the shared
 * PostgreSQL database. Prints "ready", waits for "go" on stdin, asks once for an access token and
 * prints one JSON line. Run with `node --import tsx server/ghl/testing/refresh-race.ts`.
 */
import { createHash } from "node:crypto";

import { createEncryption } from "../../crypto/encryption";
import { openPostgres } from "../../db/client";
import { createOAuthClient } from "../oauth/token-client";
import { createTokenManager } from "../token-manager";

const need = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const main = async () => {
  const handle = await openPostgres(need("RACE_DATABASE_URL"), 2);
  const keyId = process.env.RACE_KEY_ID ?? "test";
  const cipher = createEncryption({
    keys: new Map([[keyId, Buffer.from(need("RACE_KEY"), "base64")]]),
    currentKeyId: keyId,
  });
  const oauth = createOAuthClient({
    apiBaseUrl: need("RACE_API_URL"),
    clientId: need("RACE_CLIENT_ID"),
    clientSecret: need("RACE_CLIENT_SECRET"),
  });
  const tokens = createTokenManager({ db: handle.db, cipher, oauth });
  process.stdout.write("ready\n");
  await new Promise<void>((resolve) =>
    process.stdin.on("data", (chunk: Buffer) => chunk.toString().includes("go") && resolve()),
  );
  try {
    const token = await tokens.getAccessToken(need("RACE_CONNECTION_ID"));
    process.stdout.write(
      `${JSON.stringify({ ok: true, token: createHash("sha256").update(token).digest("hex") })}\n`,
    );
  } catch (error) {
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`,
    );
  }
  await handle.close();
  process.exit(0);
};

void main();
