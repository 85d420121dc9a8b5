import { randomBytes } from "node:crypto";

import type { RunningSandbox, SandboxOptions } from "~/sandbox/index";
import { createSandbox } from "~/sandbox/index";
import { DEMO_APP } from "~/sandbox/seed/demo-world";

import { createEncryption } from "../crypto/encryption";
import type { Db } from "../db/types";
import { createGhlRuntime } from "../ghl/runtime";

export const testEncryption = (key = randomBytes(32)) =>
  createEncryption({ keys: new Map([["test", key]]), currentKeyId: "test" });

/** A GHL sandbox and the app's GHL layer pointed at it, on the given test database. */
export const startGhlTestbed = async (db: Db, options: SandboxOptions = {}) => {
  const sandbox: RunningSandbox = await createSandbox({ port: 0, seed: "test", ...options });
  const encryptionKey = randomBytes(32);
  const runtime = createGhlRuntime({
    db,
    cipher: testEncryption(encryptionKey),
    config: {
      apiBaseUrl: sandbox.url,
      oauthBaseUrl: sandbox.url,
      clientId: DEMO_APP.clientId,
      clientSecret: DEMO_APP.clientSecret,
      sandbox: true,
    },
  });
  return {
    sandbox,
    runtime,
    /** The key the runtime encrypts with, for child processes that share the database. */
    encryptionKey,
    ghl: () => Promise.resolve(runtime),
    close: async () => {
      await runtime.callLog.flush();
      await sandbox.close();
    },
  };
};

export type GhlTestbed = Awaited<ReturnType<typeof startGhlTestbed>>;

/**
 * Plays the person on GHL's consent page: submits the form the authorize URL leads to and returns
 * the code and state GHL sends back.
 */
export const consentInSandbox = async (
  authorizeUrl: string,
  choice: { companyId: string; locations?: string[]; agency?: boolean },
) => {
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("companyId", choice.companyId);
  for (const location of choice.locations ?? []) form.append("location", location);
  if (choice.agency) form.set("agency", "on");
  form.set("decision", "allow");
  const response = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const target = new URL(response.headers.get("location") ?? "http://invalid/");
  return {
    code: target.searchParams.get("code") ?? "",
    state: target.searchParams.get("state") ?? "",
    redirect: target,
  };
};

/** The whole OAuth round trip through the app's own services, for tests that need a live grant. */
export const connectThroughOAuth = async (
  bed: GhlTestbed,
  actor: { agencyId: string; userId: string },
  choice: { companyId: string; locations?: string[]; agency?: boolean },
) => {
  const { startAuthorization, consumeState } = await import("../ghl/oauth/authorize");
  const { storeOAuthGrant } = await import("../ghl/connections/connect");
  const { scopesToRequest } = await import("../ghl/oauth/scopes");
  const redirectUri = "http://localhost:3000/api/oauth/ghl/callback";
  const url = await startAuthorization(
    {
      db: bed.runtime.db,
      cipher: bed.runtime.cipher,
      config: { oauthBaseUrl: bed.sandbox.url, clientId: DEMO_APP.clientId, redirectUri },
    },
    { ...actor, scopes: scopesToRequest([]) },
  );
  const { code, state } = await consentInSandbox(url, choice);
  const spent = await consumeState(
    { db: bed.runtime.db, cipher: bed.runtime.cipher },
    { state, userId: actor.userId },
  );
  if (!spent.ok) throw new Error(`state refused: ${spent.reason}`);
  const tokens = await bed.runtime.oauth.exchangeCode({
    code,
    redirectUri,
    codeVerifier: spent.codeVerifier,
  });
  return storeOAuthGrant(bed.runtime, actor, tokens);
};
