import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { type Env, EnvError } from "../env";
import { ENV_HINTS, formatEnvError } from "../env-errors";
import { type Encryption, createEncryption } from "./encryption";
import { KEY_BYTES, parseKeyring } from "./keyring";

export type KeyEnv = Pick<Env, "NODE_ENV" | "DATA_DIR" | "ENCRYPTION_KEYS" | "ENCRYPTION_KEY_ID">;
export type Keyring = { keys: Map<string, Buffer>; currentKeyId: string };

export const LOCAL_KEYS_FILE = "encryption-keys.json";

const envError = (name: string, message: string) =>
  new EnvError(formatEnvError([{ path: [name], message }], ENV_HINTS));

const fromEnv = (keysValue: string, currentKeyId: string | undefined): Keyring => {
  const parsed = parseKeyring(keysValue);
  if ("error" in parsed) throw envError("ENCRYPTION_KEYS", parsed.error);
  if (!currentKeyId) throw envError("ENCRYPTION_KEY_ID", "is required when ENCRYPTION_KEYS is set");
  if (!parsed.keys.has(currentKeyId)) {
    throw envError("ENCRYPTION_KEY_ID", `"${currentKeyId}" is not one of the key ids`);
  }
  return { keys: parsed.keys, currentKeyId };
};

/** The local key file, or undefined when there is none yet. */
const readLocal = (file: string): Keyring | undefined => {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  // Regenerating over a damaged file would orphan every secret encrypted with it.
  const unusable = new EnvError(
    `GHL Hub cannot start: ${file} is not a valid key file. Restore it from a backup; delete it ` +
      "only if you also discard every GHL connection encrypted with it.",
  );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw unusable;
  }
  const { currentKeyId, keys } = (raw ?? {}) as { currentKeyId?: unknown; keys?: unknown };
  if (typeof currentKeyId !== "string" || typeof keys !== "object" || keys === null) {
    throw unusable;
  }
  const pairs = Object.entries(keys).map(([kid, key]) => `${kid}:${String(key)}`);
  const parsed = parseKeyring(pairs.join(","));
  if ("error" in parsed || !parsed.keys.has(currentKeyId)) throw unusable;
  return { keys: parsed.keys, currentKeyId };
};

/** Writes a fresh key unless another process got there first; either way returns the file's keys. */
const createLocal = (file: string): Keyring => {
  const kid = `local-${randomBytes(4).toString("hex")}`;
  const content = { currentKeyId: kid, keys: { [kid]: randomBytes(KEY_BYTES).toString("base64") } };
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const written = readLocal(file);
  if (!written) throw new Error(`Could not create ${file}.`);
  return written;
};

/**
 * ENCRYPTION_KEYS + ENCRYPTION_KEY_ID, or outside production a key generated once into
 * DATA_DIR/encryption-keys.json so that `npm run dev` needs no configuration and stored tokens
 * survive restarts. Production refuses to run without configured keys.
 */
export const resolveKeyring = (env: KeyEnv): Keyring => {
  if (env.ENCRYPTION_KEYS) return fromEnv(env.ENCRYPTION_KEYS, env.ENCRYPTION_KEY_ID);
  if (env.NODE_ENV === "production") {
    throw envError("ENCRYPTION_KEYS", "is required in production");
  }
  if (env.ENCRYPTION_KEY_ID) {
    throw envError("ENCRYPTION_KEYS", "is required when ENCRYPTION_KEY_ID is set");
  }
  const file = path.resolve(env.DATA_DIR, LOCAL_KEYS_FILE);
  return readLocal(file) ?? createLocal(file);
};

// One instance per process: Next bundles routes, instrumentation and server actions as separate
// module graphs. Keyed by a hash of the inputs, so key text is not kept around as a map key.
const store = globalThis as typeof globalThis & { __ghlhubEncryption?: Map<string, Encryption> };

/** The vault for this environment, built once per process. Throws EnvError with fix hints. */
export const loadEncryption = (env: KeyEnv): Encryption => {
  const cacheKey = createHash("sha256")
    .update(
      JSON.stringify([
        env.NODE_ENV,
        path.resolve(env.DATA_DIR),
        env.ENCRYPTION_KEYS ?? null,
        env.ENCRYPTION_KEY_ID ?? null,
      ]),
    )
    .digest("hex");
  const cache = (store.__ghlhubEncryption ??= new Map<string, Encryption>());
  let encryption = cache.get(cacheKey);
  if (!encryption) {
    encryption = createEncryption(resolveKeyring(env));
    cache.set(cacheKey, encryption);
  }
  return encryption;
};
