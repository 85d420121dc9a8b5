import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";

import { recordAudit } from "../audit/record-audit";
import { accounts, sessions, users, verificationTokens } from "../db/schema";
import type { Db } from "../db/types";
import type { Env } from "../env";
import { findMembershipsForUser } from "../domains/agencies/agencies.repo";
import { DEMO_PROVIDER_ID, buildProviders } from "./providers";
import { resolveAuthSecret } from "./secret";
import { findUserByEmail } from "./users.repo";

/** The identity provider's own tokens are never needed after sign-in, so they are never stored. */
const withoutProviderTokens = (adapter: Adapter): Adapter => ({
  ...adapter,
  linkAccount: (account) =>
    adapter.linkAccount?.({
      ...account,
      access_token: undefined,
      refresh_token: undefined,
      id_token: undefined,
      session_state: undefined,
    }),
});

const auditSession = async (
  db: Db,
  userId: string,
  action: "auth.sign_in" | "auth.sign_out",
  provider?: string,
) => {
  const [membership] = await findMembershipsForUser(db, userId);
  await recordAudit(db, {
    agencyId: membership?.agencyId ?? null,
    actorType: "user",
    actorId: userId,
    action,
    outcome: "success",
    details: provider ? { provider } : null,
  });
};

export const buildAuthConfig = (db: Db, env: Env): NextAuthConfig => ({
  adapter: withoutProviderTokens(
    DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
  ),
  secret: resolveAuthSecret(env),
  trustHost: true,
  // Credentials sign-in requires JWT sessions; membership is re-read from the database on every
  // request, so removing a member takes effect at once.
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: buildProviders(db, env),
  callbacks: {
    signIn: async ({ user, account }) => {
      if (account?.provider === DEMO_PROVIDER_ID) return true;
      if (env.AUTH_ALLOW_SIGNUP) return true;
      // Invite-only: an OAuth identity gets in only if an agency has added its email.
      const invited = user.email ? await findUserByEmail(db, user.email) : null;
      return invited ? true : "/sign-in?error=NotInvited";
    },
    jwt: ({ token, user }) => {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    signIn: async ({ user, account }) => {
      if (user.id) await auditSession(db, user.id, "auth.sign_in", account?.provider);
    },
    signOut: async (message) => {
      const userId = "token" in message ? message.token?.sub : message.session?.userId;
      if (userId) await auditSession(db, userId, "auth.sign_out");
    },
  },
});
