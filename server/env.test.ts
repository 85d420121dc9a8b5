import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { EnvError, parseEnv } from "./env";

const KEYS = {
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  ENCRYPTION_KEY_ID: "k1",
};

const expectEnvError = (source: Record<string, string>) => {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error("expected parseEnv to throw");
};

describe("parseEnv", () => {
  it("runs with no configuration at all: embedded database, demo login on", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.databaseMode).toBe("embedded");
    expect(env.demoLoginEnabled).toBe(true);
    expect(env.DATA_DIR).toBe(".data");
  });

  it("uses PostgreSQL when DATABASE_URL is set, and then keeps the demo login off unless asked", () => {
    const env = parseEnv({
      NODE_ENV: "development",
      DATABASE_URL: "postgres://u@127.0.0.1:5432/db",
    });
    expect(env.databaseMode).toBe("postgres");
    expect(env.demoLoginEnabled).toBe(false);
    expect(
      parseEnv({ DATABASE_URL: "postgresql://u@h/db", ENABLE_DEMO_LOGIN: "1" }).demoLoginEnabled,
    ).toBe(true);
  });

  it("keeps the demo login off in production even with the embedded database", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(32),
      AUTH_GITHUB_ID: "id",
      AUTH_GITHUB_SECRET: "s",
      ...KEYS,
    });
    expect(env.demoLoginEnabled).toBe(false);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", AUTH_SECRET: "" }).databaseMode).toBe("embedded");
  });

  it("names a malformed DATABASE_URL and says how to fix it", () => {
    const message = expectEnvError({ DATABASE_URL: "mysql://root@localhost/db" });
    expect(message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(message).toContain("Fix: set postgres://");
  });

  it("refuses to start production without AUTH_SECRET, encryption keys or any way to sign in", () => {
    const message = expectEnvError({ NODE_ENV: "production" });
    expect(message).toContain("AUTH_SECRET: is required in production");
    expect(message).toContain("openssl rand -base64 32");
    expect(message).toContain("no sign-in method is configured");
    expect(message).toContain("ENCRYPTION_KEYS");
    expect(message).toContain("3 settings are invalid");
  });

  it("does not require runtime secrets while `next build` runs", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }),
    ).not.toThrow();
  });

  it("requires both halves of an identity provider", () => {
    expect(expectEnvError({ AUTH_GITHUB_ID: "abc" })).toContain(
      "AUTH_GITHUB_SECRET: is required when AUTH_GITHUB_ID is set",
    );
    expect(expectEnvError({ AUTH_OIDC_ID: "abc", AUTH_OIDC_SECRET: "s" })).toContain(
      "AUTH_OIDC_ISSUER",
    );
  });

  it("rejects a short AUTH_SECRET, bad numbers and unknown flag values", () => {
    const message = expectEnvError({
      AUTH_SECRET: "short",
      TRPC_MAX_BATCH_SIZE: "0",
      ENABLE_DEMO_LOGIN: "maybe",
    });
    expect(message).toContain("AUTH_SECRET: must be at least 32 characters");
    expect(message).toContain("TRPC_MAX_BATCH_SIZE");
    expect(message).toContain("ENABLE_DEMO_LOGIN");
  });
});
