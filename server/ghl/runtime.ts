import { type Encryption } from "../crypto/encryption";
import { loadEncryption } from "../crypto/keys";
import { getDbHandle } from "../db/client";
import type { Db } from "../db/types";
import { getEnv } from "../env";
import { type CallLog, createCallLog } from "./call-log";
import { type GhlHttp, createGhlHttp } from "./http";
import { type OAuthClient, createOAuthClient } from "./oauth/token-client";
import { type GhlRateLimiter, createGhlRateLimiter } from "./rate-limiter";
import { locationsApi } from "./resources/locations";
import { marketplaceApi } from "./resources/marketplace";
import { oauthApi } from "./resources/oauth";
import { type TokenManager, createTokenManager } from "./token-manager";

export type GhlConfig = {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** True when talking to the local GHL sandbox (npm run dev). */
  sandbox: boolean;
  rateLimit?: { burst: number; windowMs: number };
};

export type GhlRuntime = {
  config: GhlConfig;
  appId: string;
  db: Db;
  cipher: Encryption;
  oauth: OAuthClient;
  limiter: GhlRateLimiter;
  tokens: TokenManager;
  callLog: CallLog;
  http: GhlHttp;
  api: {
    locations: ReturnType<typeof locationsApi>;
    oauth: ReturnType<typeof oauthApi>;
    marketplace: ReturnType<typeof marketplaceApi>;
  };
};

export class GhlNotConfiguredError extends Error {
  override name = "GhlNotConfiguredError";
  constructor() {
    super(
      "No GoHighLevel app is configured: set GHL_CLIENT_ID and GHL_CLIENT_SECRET (npm run dev uses the sandbox).",
    );
  }
}

/** Wires the GHL layer from explicit parts (tests) or from env and the process database. */
export const createGhlRuntime = ({
  db,
  cipher,
  config,
  limiterScope = "shared",
}: {
  db: Db;
  cipher: Encryption;
  config: GhlConfig;
  /** `process` only where this process is the database's only user (the embedded database). */
  limiterScope?: "shared" | "process";
}): GhlRuntime => {
  const oauth = createOAuthClient({
    apiBaseUrl: config.apiBaseUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
  });
  const limiter = createGhlRateLimiter({ db, ...config.rateLimit, scope: limiterScope });
  const tokens = createTokenManager({ db, cipher, oauth });
  const callLog = createCallLog(db);
  const http = createGhlHttp({ apiBaseUrl: config.apiBaseUrl, tokens, limiter, callLog });
  return {
    config,
    // The app id is the client id's first part (REFERENCE §1.5).
    appId: config.clientId.split("-")[0] ?? config.clientId,
    db,
    cipher,
    oauth,
    limiter,
    tokens,
    callLog,
    http,
    api: {
      locations: locationsApi(http),
      oauth: oauthApi(http),
      marketplace: marketplaceApi(http),
    },
  };
};

const store = globalThis as typeof globalThis & { __ghlhubGhl?: Promise<GhlRuntime> };

export const ghlConfigFromEnv = (): GhlConfig | null => {
  const env = getEnv();
  if (!env.GHL_CLIENT_ID || !env.GHL_CLIENT_SECRET) return null;
  return {
    apiBaseUrl: env.GHL_API_BASE_URL,
    oauthBaseUrl: env.GHL_OAUTH_BASE_URL,
    clientId: env.GHL_CLIENT_ID,
    clientSecret: env.GHL_CLIENT_SECRET,
    sandbox: env.GHL_SANDBOX,
    rateLimit: { burst: env.GHL_RATE_LIMIT_BURST, windowMs: env.GHL_RATE_LIMIT_WINDOW_MS },
  };
};

/** The process's GHL layer (one limiter, token cache and call log per process). */
export const getGhlRuntime = (): Promise<GhlRuntime> => {
  const config = ghlConfigFromEnv();
  if (!config) return Promise.reject(new GhlNotConfiguredError());
  // The embedded database admits one process, so its rate-limit window can live in memory.
  store.__ghlhubGhl ??= getDbHandle().then(({ db, mode }) =>
    createGhlRuntime({
      db,
      cipher: loadEncryption(getEnv()),
      config,
      limiterScope: mode === "embedded" ? "process" : "shared",
    }),
  );
  return store.__ghlhubGhl;
};
