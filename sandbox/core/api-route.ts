import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import type { Sandbox } from "../context";
import type { SpecOperation } from "../spec/spec-index";
import type { AccessToken } from "../store/types";
import { GhlHttpError, errors, ghlError } from "./errors";
import { validateAgainstSpec } from "./validation";

export type ApiRequest = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  token: AccessToken;
  traceId: string;
};

export type ApiResult = { status: number; body: unknown };

export type ApiHandler = (sandbox: Sandbox, request: ApiRequest) => ApiResult | Promise<ApiResult>;

/** Handlers keyed by the spec operation they implement: `"GET /contacts/{contactId}"`. */
export type RouteTable = Record<string, ApiHandler>;

const bearer = (request: FastifyRequest) => {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
};

const authenticate = (sandbox: Sandbox, request: FastifyRequest) => {
  const raw = bearer(request);
  const token = raw ? sandbox.state.accessTokens.get(raw) : undefined;
  if (!token || token.revoked) throw errors.invalidToken();
  if (token.expiresAt !== null && token.expiresAt <= sandbox.clock.now()) throw errors.invalidJwt();
  return token;
};

const authorize = (op: SpecOperation, token: AccessToken) => {
  if (op.security.length === 0) return;
  const ofKind = op.security.filter(
    (s) => s.kinds.includes(token.kind) && (s.allowsPit || !token.pit),
  );
  if (ofKind.length === 0) throw errors.tokenKind();
  if (!ofKind.some((s) => s.scopes.every((scope) => token.scopes.includes(scope))))
    throw errors.scope();
};

const rateKey = (token: AccessToken) =>
  `${token.clientId ?? `pit:${token.token.slice(-8)}`}:${token.locationId ?? token.companyId}`;

const recordRequest = (sandbox: Sandbox, key: string) => {
  sandbox.stats.requests++;
  let times = sandbox.stats.requestTimes.get(key);
  if (!times) sandbox.stats.requestTimes.set(key, (times = []));
  times.push(sandbox.clock.now());
  if (times.length > 200_000) times.splice(0, times.length - 200_000);
};

/** Latency, 5xx, timeouts and 429 storms, when a fault set applies to this resource. */
const injectFaults = async (sandbox: Sandbox, token: AccessToken, reply: FastifyReply) => {
  const { faults } = sandbox;
  if (
    faults.locationIds.length > 0 &&
    !(token.locationId && faults.locationIds.includes(token.locationId))
  )
    return false;
  const delay =
    faults.latency.fixedMs +
    (faults.latency.jitterMs > 0 ? faults.random.int(faults.latency.jitterMs + 1) : 0);
  if (delay > 0) await sleep(delay);
  if (faults.stormUntil > sandbox.clock.now()) {
    // A storm answers like a spent budget, headers included, as GHL's limiter would.
    const { burst, windowMs, daily } = sandbox.options.rateLimit;
    const limited = errors.rateLimited();
    Object.assign(limited.headers, {
      "x-ratelimit-limit-daily": String(daily),
      "x-ratelimit-interval-milliseconds": String(windowMs),
      "x-ratelimit-max": String(burst),
      "x-ratelimit-remaining": "0",
    });
    throw limited;
  }
  if (faults.random.chance(faults.timeouts.rate)) {
    await sleep(faults.timeouts.holdMs);
    reply.raw.destroy();
    return true;
  }
  if (faults.random.chance(faults.errors.rate)) {
    const status = faults.random.pick(faults.errors.statuses);
    throw ghlError(status, "Internal server error");
  }
  return false;
};

const send = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).send(body);

/**
 * Serves one spec operation through GHL's pipeline: token → faults → Version → rate limit →
 * token kind and scopes → location active → request validation → handler. Every answer to an
 * authenticated request carries the five X-RateLimit-* headers and a trace id.
 */
export const registerApiRoute = (
  app: FastifyInstance,
  sandbox: Sandbox,
  op: SpecOperation,
  handler: ApiHandler,
) => {
  app.route({
    method: op.method,
    url: op.routePath,
    handler: async (request, reply) => {
      const traceId = randomUUID();
      reply.header("x-trace-id", traceId);
      try {
        const token = authenticate(sandbox, request);
        const key = rateKey(token);
        recordRequest(sandbox, key);
        if (await injectFaults(sandbox, token, reply)) return reply;
        const version = request.headers.version;
        if (op.versions && (typeof version !== "string" || !op.versions.includes(version)))
          throw errors.missingVersion();
        const decision = sandbox.limiter.take(key, sandbox.clock.now());
        reply.headers(decision.headers);
        if (!decision.allowed) throw errors.rateLimited();
        authorize(op, token);
        if (token.locationId && sandbox.state.locations.get(token.locationId)?.active === false) {
          throw errors.locationInactive();
        }
        const query = (request.query ?? {}) as Record<string, unknown>;
        const problems = validateAgainstSpec(op, {
          method: op.method,
          path: request.url.split("?")[0] ?? request.url,
          headers: request.headers,
          query,
          body: request.body,
        });
        if (problems) throw errors.unprocessable(problems);
        const result = await handler(sandbox, {
          params: (request.params ?? {}) as Record<string, string>,
          query,
          body: request.body,
          token,
          traceId,
        });
        return send(reply, result.status, result.body);
      } catch (error) {
        if (error instanceof GhlHttpError) {
          reply.headers(error.headers);
          return send(reply, error.status, { ...error.body, traceId });
        }
        request.log.error(error);
        return send(reply, 500, { statusCode: 500, message: "Internal server error", traceId });
      }
    },
  });
};
