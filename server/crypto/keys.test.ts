import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { EnvError, parseEnv } from "../env";
import { LOCAL_KEYS_FILE, loadEncryption, resolveKeyring } from "./keys";

const key = (bytes = 32) => randomBytes(bytes).toString("base64");
const production = {
  NODE_ENV: "production",
  AUTH_SECRET: "x".repeat(32),
  AUTH_GITHUB_ID: "id",
  AUTH_GITHUB_SECRET: "s",
};

const envErrorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error("expected an EnvError");
};

const dirs: string[] = [];
const tempDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ghlhub-keys-"));
  dirs.push(dir);
  return path.join(dir, "data");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("ENCRYPTION_KEYS and ENCRYPTION_KEY_ID", () => {
  it("accept kid:base64 pairs, with base64 or base64url keys", () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const env = parseEnv({
      ENCRYPTION_KEYS: ` old:${k1.toString("base64")} , new_2:${k2.toString("base64url")} `,
      ENCRYPTION_KEY_ID: "new_2",
    });
    const keyring = resolveKeyring(env);
    expect(keyring.currentKeyId).toBe("new_2");
    expect(keyring.keys.get("old")?.equals(k1)).toBe(true);
    expect(keyring.keys.get("new_2")?.equals(k2)).toBe(true);
  });

  it.each([
    [
      "bad base64",
      `k1:${key().slice(0, -2)}!!`,
      "k1",
      'ENCRYPTION_KEYS: the key of "k1" is not valid base64',
    ],
    ["a 31-byte key", `k1:${key(31)}`, "k1", 'the key of "k1" is 31 bytes, it must be exactly 32'],
    ["a 64-byte key", `k1:${key(64)}`, "k1", "is 64 bytes"],
    ["a duplicate kid", `k1:${key()},k1:${key()}`, "k1", 'key id "k1" is listed twice'],
    ["a missing kid", key(), "k1", "ENCRYPTION_KEYS: entry 1 must be kid:base64key"],
    ["a bad kid", `k.1:${key()}`, "k1", "entry 1 must be kid:base64key"],
    ["an unlisted current kid", `k1:${key()}`, "k2", 'ENCRYPTION_KEY_ID: "k2" is not one of'],
    ["a malformed current kid", `k1:${key()}`, "k 1", "ENCRYPTION_KEY_ID: must be 1-32"],
  ])("reject %s with a message naming the variable", (_, keys, kid, expected) => {
    const message = envErrorOf(() => parseEnv({ ENCRYPTION_KEYS: keys, ENCRYPTION_KEY_ID: kid }));
    expect(message).toContain(expected);
    expect(message).toContain("Fix:");
    for (const part of keys.split(",")) expect(message).not.toContain(part.split(":")[1] ?? part);
  });

  it("must be set together", () => {
    expect(envErrorOf(() => parseEnv({ ENCRYPTION_KEYS: `k1:${key()}` }))).toContain(
      "ENCRYPTION_KEY_ID: is required when ENCRYPTION_KEYS is set",
    );
    expect(envErrorOf(() => parseEnv({ ENCRYPTION_KEY_ID: "k1" }))).toContain(
      "ENCRYPTION_KEYS: is required when ENCRYPTION_KEY_ID is set",
    );
  });

  it("are required in production, with a hint on how to make a key", () => {
    const message = envErrorOf(() => parseEnv(production));
    expect(message).toContain("ENCRYPTION_KEYS: is required in production");
    expect(message).toContain("openssl rand -base64 32");
    expect(() =>
      parseEnv({ ...production, ENCRYPTION_KEYS: `k1:${key()}`, ENCRYPTION_KEY_ID: "k1" }),
    ).not.toThrow();
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }),
    ).not.toThrow();
  });

  it("never fall back to a generated key in production", () => {
    const dataDir = tempDataDir();
    const env = { NODE_ENV: "production" as const, DATA_DIR: dataDir };
    expect(envErrorOf(() => resolveKeyring(env))).toContain(
      "ENCRYPTION_KEYS: is required in production",
    );
    expect(() => statSync(path.join(dataDir, LOCAL_KEYS_FILE))).toThrow();
  });
});

describe("the local key outside production", () => {
  it("is generated once into DATA_DIR with mode 0600 and reused", () => {
    const dataDir = tempDataDir();
    const env = { NODE_ENV: "development" as const, DATA_DIR: dataDir };
    const first = resolveKeyring(env);
    const file = path.join(dataDir, LOCAL_KEYS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.currentKeyId).toMatch(/^local-[0-9a-f]{8}$/);
    expect(first.keys.get(first.currentKeyId)).toHaveLength(32);
    const content = readFileSync(file, "utf8");

    const second = resolveKeyring(env);
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.keys.get(second.currentKeyId)?.equals(first.keys.get(first.currentKeyId)!)).toBe(
      true,
    );
    expect(readFileSync(file, "utf8")).toBe(content);

    const context = { agencyId: "a", locationId: null, kind: "pit" };
    const ciphertext = loadEncryption(env).encrypt("token", context);
    expect(loadEncryption({ ...env }).decrypt(ciphertext, context)).toBe("token");
  });

  it("is not used when ENCRYPTION_KEYS is set", () => {
    const dataDir = tempDataDir();
    const keyring = resolveKeyring({
      NODE_ENV: "development",
      DATA_DIR: dataDir,
      ENCRYPTION_KEYS: `k1:${key()}`,
      ENCRYPTION_KEY_ID: "k1",
    });
    expect(keyring.currentKeyId).toBe("k1");
    expect(() => statSync(path.join(dataDir, LOCAL_KEYS_FILE))).toThrow();
  });

  it("stops the app rather than replace a damaged key file", () => {
    const dataDir = tempDataDir();
    const env = { NODE_ENV: "development" as const, DATA_DIR: dataDir };
    resolveKeyring(env);
    const file = path.join(dataDir, LOCAL_KEYS_FILE);
    writeFileSync(file, "{ not json");
    expect(envErrorOf(() => resolveKeyring(env))).toContain("is not a valid key file");
    expect(readFileSync(file, "utf8")).toBe("{ not json");
  });

  it("memoises one instance per environment", () => {
    const env = { NODE_ENV: "development" as const, DATA_DIR: tempDataDir() };
    expect(loadEncryption(env)).toBe(loadEncryption({ ...env }));
    expect(loadEncryption(env)).not.toBe(loadEncryption({ ...env, DATA_DIR: tempDataDir() }));
  });
});
