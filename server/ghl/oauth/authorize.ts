import { createHash, randomBytes } from "node:crypto";

import { and, eq, gt, isNull } from "drizzle-orm";

import { oauthStateSecretContext } from "../../crypto/secret-contexts";
import { ghlOauthStates } from "../../db/schema";
import type { Db } from "../../db/types";
import { safeRedirectPath } from "../../http/safe-redirect";
import type { SecretCipher } from "../token-manager";

const STATE_TTL_MS = 10 * 60_000;

const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

export type AuthorizeConfig = { oauthBaseUrl: string; clientId: string; redirectUri: string };

/**
 * Starts a connection: a 128-bit single-use state bound to the signed-in user and agency, valid
 * 10 minutes, and a PKCE S256 pair (GHL does not document PKCE; sending it costs nothing and
 * protects the code if GHL honours it). Returns the consent page URL.
 */
export const startAuthorization = async (
  { db, cipher, config }: { db: Db; cipher: SecretCipher; config: AuthorizeConfig },
  input: { agencyId: string; userId: string; scopes: string[]; returnTo?: string },
) => {
  const state = randomBytes(16).toString("base64url");
  const verifier = randomBytes(32).toString("base64url");
  await db.insert(ghlOauthStates).values({
    stateHash: sha256(state),
    agencyId: input.agencyId,
    userId: input.userId,
    codeVerifierEnc: cipher.encrypt(
      verifier,
      oauthStateSecretContext({ agencyId: input.agencyId }),
    ),
    scopes: input.scopes,
    returnTo: safeRedirectPath(input.returnTo ?? "/settings/connections"),
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });
  const url = new URL("/v2/oauth/chooselocation", config.oauthBaseUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: input.scopes.join(" "),
    state,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    // The app version id is the client id's first part; the v2 consent page needs it (REFERENCE §2.1).
    version_id: config.clientId.split("-")[0] ?? config.clientId,
  }).toString();
  return url.toString();
};

export type StateFailure = "unknown" | "used" | "expired" | "other_user";

/**
 * Spends the state: it must exist, be unused and unexpired, and belong to this user. The update is
 * the check, so two callbacks racing with one state cannot both pass.
 */
export const consumeState = async (
  { db, cipher }: { db: Db; cipher: SecretCipher },
  { state, userId }: { state: string; userId: string },
): Promise<
  | { ok: true; agencyId: string; scopes: string[]; returnTo: string; codeVerifier: string }
  | { ok: false; reason: StateFailure }
> => {
  const hash = sha256(state);
  const [spent] = await db
    .update(ghlOauthStates)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(ghlOauthStates.stateHash, hash),
        isNull(ghlOauthStates.usedAt),
        gt(ghlOauthStates.expiresAt, new Date()),
        eq(ghlOauthStates.userId, userId),
      ),
    )
    .returning();
  if (spent) {
    return {
      ok: true,
      agencyId: spent.agencyId,
      scopes: spent.scopes,
      returnTo: spent.returnTo,
      codeVerifier: cipher.decrypt(spent.codeVerifierEnc, oauthStateSecretContext(spent)),
    };
  }
  const [row] = await db.select().from(ghlOauthStates).where(eq(ghlOauthStates.stateHash, hash));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.userId !== userId) return { ok: false, reason: "other_user" };
  if (row.usedAt) return { ok: false, reason: "used" };
  return { ok: false, reason: "expired" };
};
