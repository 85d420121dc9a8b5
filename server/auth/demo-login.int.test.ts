import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog } from "../db/schema";
import { seedDemo } from "../db/seed/seed-demo";
import { parseEnv } from "../env";
import { createUser } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { authorizeDemoLogin, buildProviders } from "./providers";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
});
afterAll(() => t?.close());

const providerIds = (env: ReturnType<typeof parseEnv>) =>
  buildProviders(t.db, env).map((p) => {
    const provider = p as { id: string; options?: { id?: string } };
    return provider.options?.id ?? provider.id;
  });

const demoAuthorize = (env: ReturnType<typeof parseEnv>) => (raw: unknown) =>
  authorizeDemoLogin(t.db, env, raw);

describe("demo login", () => {
  it("is not offered when disabled", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(32),
      AUTH_GITHUB_ID: "id",
      AUTH_GITHUB_SECRET: "s",
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      ENCRYPTION_KEY_ID: "k1",
    });
    expect(providerIds(env)).toEqual(["github"]);
    expect(providerIds(parseEnv({ NODE_ENV: "development" }))).toEqual(["demo"]);
  });

  it("admits seeded demo users and nobody else when a real database is used", async () => {
    const authorize = demoAuthorize(
      parseEnv({ DATABASE_URL: "postgres://x@127.0.0.1/db", ENABLE_DEMO_LOGIN: "1" }),
    );
    expect(await authorize({ email: "OWNER@summit-growth.test" })).toMatchObject({
      email: "owner@summit-growth.test",
    });
    const regular = await createUser(t.db, { email: "real.person@example.test" });
    expect(await authorize({ email: regular.email })).toBeNull();
    expect(await authorize({ email: "nobody@example.test" })).toBeNull();
    expect(await authorize({ email: "not an email" })).toBeNull();
    const denials = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in"));
    expect(denials.map((d) => (d.details as { email: string }).email).sort()).toEqual([
      "nobody@example.test",
      "real.person@example.test",
    ]);
  });

  it("admits any existing user with the embedded database, which is a local install", async () => {
    const authorize = demoAuthorize(parseEnv({ NODE_ENV: "development" }));
    const regular = await createUser(t.db, { email: "local.person@example.test" });
    expect(await authorize({ email: regular.email })).toMatchObject({ id: regular.id });
  });
});
