import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { z } from "zod";

import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db/types";
import type { Env } from "../env";
import { findUserByEmail } from "./users.repo";

export const DEMO_PROVIDER_ID = "demo";

const ZDemoCredentials = z.object({ email: z.email().max(254) });

/**
 * Passwordless sign-in as an existing user. With the embedded database (a local, single-user
 * install) any user qualifies; against a shared PostgreSQL only seeded demo users do.
 */
export const authorizeDemoLogin = async (db: Db, env: Env, raw: unknown) => {
  const parsed = ZDemoCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const user = await findUserByEmail(db, parsed.data.email);
  if (!user || (env.databaseMode !== "embedded" && !user.isDemo)) {
    await recordAudit(db, {
      actorType: "anonymous",
      action: "auth.sign_in",
      outcome: "denied",
      errorCode: "CredentialsSignin",
      details: { provider: DEMO_PROVIDER_ID, email: parsed.data.email },
    });
    return null;
  }
  return { id: user.id, email: user.email, name: user.name };
};

const demoProvider = (db: Db, env: Env) =>
  Credentials({
    id: DEMO_PROVIDER_ID,
    name: "Demo login",
    credentials: { email: { label: "Email", type: "email" } },
    authorize: (raw) => authorizeDemoLogin(db, env, raw),
  });

/** Identity providers enabled by env; OAuth logins link to invited users by verified email. */
export const buildProviders = (db: Db, env: Env): Provider[] => {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        allowDangerousEmailAccountLinking: true,
      }),
    );
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({
        clientId: env.AUTH_GOOGLE_ID,
        clientSecret: env.AUTH_GOOGLE_SECRET,
        allowDangerousEmailAccountLinking: true,
      }),
    );
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      allowDangerousEmailAccountLinking: true,
    });
  }
  if (env.demoLoginEnabled) providers.push(demoProvider(db, env));
  return providers;
};

/** What the sign-in page offers, without building providers (no secrets cross into pages). */
export const listSignInOptions = (env: Env) => ({
  demo: env.demoLoginEnabled,
  demoAnyUser: env.databaseMode === "embedded",
  providers: [
    env.AUTH_GITHUB_ID ? { id: "github", name: "GitHub" } : null,
    env.AUTH_GOOGLE_ID ? { id: "google", name: "Google" } : null,
    env.AUTH_OIDC_ID ? { id: "oidc", name: env.AUTH_OIDC_NAME } : null,
  ].filter((p) => p !== null),
});
