import type { FastifyInstance } from "fastify";

import type { Sandbox } from "../context";
import { GhlHttpError, errors, ghlError } from "../core/errors";
import { validateAgainstSpec } from "../core/validation";
import type { SpecOperation } from "../spec/spec-index";
import type { App } from "../store/types";
import { issueAccessToken, issueRefreshToken, tokenResponse } from "./issue-tokens";

type TokenForm = Record<string, string | undefined>;

/** OAuth errors keep RFC 6749's `error` code next to GHL's NestJS fields (GHL's own text is unconfirmed). */
const oauthError = (status: number, code: string, description: string) =>
  new GhlHttpError(status, {
    statusCode: status,
    message: description,
    error: code,
    error_description: description,
  });

const invalidGrant = (description: string) => oauthError(400, "invalid_grant", description);

const authenticateClient = (sandbox: Sandbox, form: TokenForm): App => {
  const app = form.client_id ? sandbox.state.apps.get(form.client_id) : undefined;
  if (!app || app.clientSecret !== form.client_secret) {
    throw oauthError(401, "invalid_client", "Invalid client: client_id or client_secret is wrong");
  }
  return app;
};

const exchangeCode = (sandbox: Sandbox, app: App, form: TokenForm) => {
  const code = form.code ? sandbox.state.codes.get(form.code) : undefined;
  if (!code || code.clientId !== app.clientId)
    throw invalidGrant("Invalid grant: authorization code is invalid");
  if (code.used) throw invalidGrant("Invalid grant: authorization code has already been used");
  if (code.expiresAt <= sandbox.clock.now())
    throw invalidGrant("Invalid grant: authorization code has expired");
  if (form.redirect_uri && form.redirect_uri !== code.redirectUri) {
    throw invalidGrant("Invalid grant: redirect_uri does not match the authorization request");
  }
  code.used = true;
  const locationId = code.kind === "location" ? (code.locationIds[0] ?? null) : null;
  const grant = {
    kind: code.kind,
    clientId: app.clientId,
    companyId: code.companyId,
    locationId,
    userId: code.userId,
    scopes: code.scopes,
  };
  const access = issueAccessToken(sandbox, grant);
  const refresh = issueRefreshToken(sandbox, {
    ...grant,
    clientId: app.clientId,
    approvedLocations: code.locationIds,
  });
  return tokenResponse(sandbox, access, refresh);
};

/** Refresh tokens are single-use: each use spends it and returns a new one (REFERENCE §2.3). */
const refresh = (sandbox: Sandbox, app: App, form: TokenForm) => {
  const previous = form.refresh_token
    ? sandbox.state.refreshTokens.get(form.refresh_token)
    : undefined;
  if (
    !previous ||
    previous.clientId !== app.clientId ||
    previous.revoked ||
    previous.expiresAt <= sandbox.clock.now()
  ) {
    throw invalidGrant("Invalid grant: refresh token is invalid");
  }
  if (previous.spent) throw invalidGrant("Invalid grant: refresh token has already been used");
  if (previous.locationId && sandbox.state.locations.get(previous.locationId)?.active === false) {
    throw errors.locationInactive();
  }
  previous.spent = true;
  const grant = {
    kind: previous.kind,
    clientId: app.clientId,
    companyId: previous.companyId,
    locationId: previous.locationId,
    userId: previous.userId,
    scopes: previous.scopes,
  };
  const access = issueAccessToken(sandbox, grant);
  const next = issueRefreshToken(sandbox, {
    ...grant,
    clientId: app.clientId,
    approvedLocations: previous.approvedLocations,
  });
  return tokenResponse(sandbox, access, next);
};

/** POST /oauth/token: form-encoded only, no Authorization header; every call is counted. */
export const registerTokenRoute = (app: FastifyInstance, sandbox: Sandbox, op: SpecOperation) => {
  app.post("/oauth/token", async (request, reply) => {
    const contentType = request.headers["content-type"] ?? "";
    const form: TokenForm =
      contentType.startsWith("application/x-www-form-urlencoded") &&
      request.body &&
      typeof request.body === "object"
        ? (request.body as TokenForm)
        : {};
    // Every call counts, failed ones included: tests assert exactly how many refreshes happened.
    if (form.grant_type === "authorization_code" || form.grant_type === "refresh_token") {
      sandbox.stats.tokenEndpoint[form.grant_type]++;
    }
    try {
      const problems = validateAgainstSpec(op, {
        method: "POST",
        path: "/oauth/token",
        headers: request.headers,
        query: {},
        body: form,
      });
      if (problems) throw errors.unprocessable(problems);
      const client = authenticateClient(sandbox, form);
      switch (form.grant_type) {
        case "authorization_code":
          return reply.code(200).send(exchangeCode(sandbox, client, form));
        case "refresh_token":
          return reply.code(200).send(refresh(sandbox, client, form));
        default:
          throw oauthError(
            400,
            "unsupported_grant_type",
            `Unsupported grant_type ${form.grant_type ?? ""}`.trim(),
          );
      }
    } catch (error) {
      sandbox.stats.tokenEndpoint.failed++;
      if (error instanceof GhlHttpError) return reply.code(error.status).send(error.body);
      request.log.error(error);
      return reply.code(500).send(ghlError(500, "Internal server error").body);
    }
  });
};
