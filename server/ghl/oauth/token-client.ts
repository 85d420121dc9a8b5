import { z } from "zod";

import { GhlError, codeForResponse, messageForResponse } from "../errors";
import { send, upstreamMessage } from "../transport";

/** POST /oauth/token's answer: the fields GHL Hub relies on (REFERENCE §2.2). */
export const ZTokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().default(""),
  userType: z.enum(["Company", "Location"]),
  companyId: z.string().min(1),
  locationId: z.string().min(1).optional(),
  userId: z.string().optional(),
  approvedLocations: z.array(z.string()).optional(),
});
export type TokenResponse = z.infer<typeof ZTokenResponse>;

/** POST /oauth/locationToken's answer: no refresh token; it is minted again (REFERENCE §2.4). */
export const ZLocationTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().default(""),
  locationId: z.string().min(1),
  userId: z.string().optional(),
});
export type LocationTokenResponse = z.infer<typeof ZLocationTokenResponse>;

export type OAuthClientConfig = {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
};

/** A refresh or code that GHL will never accept again: the grant is gone, not the network. */
export const isInvalidGrant = (error: unknown) =>
  error instanceof GhlError && error.kind === "auth";

const post = async <T>(
  config: OAuthClientConfig,
  path: string,
  form: Record<string, string>,
  schema: z.ZodType<T>,
  headers: Record<string, string> = {},
): Promise<T> => {
  const sent = await send({
    method: "POST",
    url: new URL(path, config.apiBaseUrl).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
    timeoutMs: config.timeoutMs ?? 15_000,
  });
  if (sent.status >= 200 && sent.status < 300) {
    const parsed = schema.safeParse(sent.body);
    if (!parsed.success)
      throw new GhlError("GHL-010", {
        kind: "invalid_response",
        method: "POST",
        status: sent.status,
        traceId: sent.traceId,
      });
    return parsed.data;
  }
  const message = upstreamMessage(sent.body);
  const oauthCode =
    typeof sent.body === "object" && sent.body !== null
      ? (sent.body as { error?: unknown }).error
      : undefined;
  if (oauthCode === "invalid_grant") {
    throw new GhlError("GHL-001", {
      kind: "auth",
      method: "POST",
      status: sent.status,
      traceId: sent.traceId,
      upstreamMessage: message,
    });
  }
  const code = codeForResponse(sent.status, message);
  throw new GhlError(code, {
    kind: "http",
    method: "POST",
    status: sent.status,
    traceId: sent.traceId,
    upstreamMessage: message,
    message: messageForResponse(code, message),
  });
};

export const createOAuthClient = (config: OAuthClientConfig) => ({
  exchangeCode: (input: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
    userType?: "Company" | "Location";
  }) =>
    post(
      config,
      "/oauth/token",
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: "authorization_code",
        code: input.code,
        redirect_uri: input.redirectUri,
        code_verifier: input.codeVerifier,
        ...(input.userType ? { user_type: input.userType } : {}),
      },
      ZTokenResponse,
    ),

  refresh: (refreshToken: string, userType: "Company" | "Location") =>
    post(
      config,
      "/oauth/token",
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        user_type: userType,
      },
      ZTokenResponse,
    ),

  mintLocationToken: (companyAccessToken: string, companyId: string, locationId: string) =>
    post(config, "/oauth/locationToken", { companyId, locationId }, ZLocationTokenResponse, {
      authorization: `Bearer ${companyAccessToken}`,
      version: "2021-07-28",
    }),
});

export type OAuthClient = ReturnType<typeof createOAuthClient>;
