import type { z } from "zod";

import { log } from "../log";
import type { CallLog } from "./call-log";
import { GhlError, codeForResponse, messageForResponse } from "./errors";
import type { GhlRateLimiter } from "./rate-limiter";
import { breakerFor, createRetryPolicy } from "./resilience";
import type { TokenManager } from "./token-manager";
import { send, upstreamMessage } from "./transport";

/** Who a call is made for: the tenant, and the GHL grant and budget it uses. */
export type GhlTarget = {
  agencyId: string;
  /** GHL Hub's location id, for the call log; null for agency-level calls. */
  locationId: string | null;
  connectionId: string;
  /** `<clientId>:<ghl location or company id>`: GHL's rate-limit bucket. */
  resourceKey: string;
};

export type GhlCall<T> = {
  target: GhlTarget;
  /** A stable name for logs and metrics, e.g. "contacts.get". */
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** The API's `Version` header (2021-07-28, or 2021-04-15 for calendars and conversations). */
  version: string;
  schema: z.ZodType<T>;
};

type Deps = {
  apiBaseUrl: string;
  tokens: TokenManager;
  limiter: GhlRateLimiter;
  callLog: CallLog;
  timeoutMs?: number;
  /** Longest a call waits for rate-limit budget before failing with GHL-005. */
  maxRateWaitMs?: number;
};

const numberHeader = (headers: Headers, name: string) => {
  const value = Number(headers.get(name));
  return Number.isFinite(value) && headers.has(name) ? value : null;
};

/**
 * The one HTTP core for GHL API calls, in order: token → per-location rate limit → circuit
 * breaker → retry → fetch. A 401 gets one fresh token; answers are validated with the call's zod
 * schema; every call is logged.
 */
export const createGhlHttp = ({
  apiBaseUrl,
  tokens,
  limiter,
  callLog,
  timeoutMs = 15_000,
  maxRateWaitMs = 30_000,
}: Deps) => {
  const retry = createRetryPolicy({ maxAttempts: 3, maxTotalMs: 30_000 });

  const attempt = async <T>(
    call: GhlCall<T>,
    rejected?: string,
  ): Promise<{ value: T; headers: Headers; status: number }> => {
    const token = await tokens.getAccessToken(
      call.target.connectionId,
      rejected ? { rejected } : {},
    );
    const { slot } = await limiter.acquire(call.target.resourceKey, { maxWaitMs: maxRateWaitMs });
    const url = new URL(call.path, apiBaseUrl);
    for (const [key, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const sent = await send({
      method: call.method,
      url: url.toString(),
      headers: {
        authorization: `Bearer ${token}`,
        version: call.version,
        accept: "application/json",
        ...(call.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      timeoutMs,
    }).finally(() => {
      // Not awaited: the restamp is written with others a little later. A lost one only leaves
      // the grant's earlier stamp, never worth failing (or holding up) the call for.
      limiter
        .release(slot)
        .catch((error: unknown) =>
          log.warn({ err: error, resourceKey: slot.resourceKey }, "rate-limit release failed"),
        );
    });
    await limiter.observe(call.target.resourceKey, sent, slot);
    if (sent.status === 401 && !rejected) return attempt(call, token);
    if (sent.status < 200 || sent.status >= 300) {
      const message = upstreamMessage(sent.body);
      const code = codeForResponse(sent.status, message);
      throw new GhlError(code, {
        kind: "http",
        method: call.method,
        status: sent.status,
        traceId: sent.traceId,
        upstreamMessage: message,
        message: messageForResponse(code, message),
        retryAfterMs:
          sent.status === 429
            ? (numberHeader(sent.headers, "x-ratelimit-interval-milliseconds") ?? 10_000)
            : undefined,
      });
    }
    const parsed = call.schema.safeParse(sent.body);
    if (!parsed.success) {
      // A 200 GHL Hub cannot read is treated like a broken transport (RELIABILITY §8, case 39).
      throw new GhlError("GHL-010", {
        kind: "network",
        method: call.method,
        status: sent.status,
        traceId: sent.traceId,
        cause: parsed.error,
      });
    }
    return { value: parsed.data, headers: sent.headers, status: sent.status };
  };

  const request = async <T>(call: GhlCall<T>): Promise<T> => {
    const started = performance.now();
    let attempts = 0;
    let outcome: { status: number | null; headers: Headers | null; errorCode: string | null } = {
      status: null,
      headers: null,
      errorCode: null,
    };
    try {
      const result = await retry.execute(() => {
        attempts++;
        return breakerFor(call.target.resourceKey).execute(() => attempt(call));
      });
      outcome = { status: result.status, headers: result.headers, errorCode: null };
      return result.value;
    } catch (error) {
      const failure =
        error instanceof GhlError
          ? error
          : new GhlError("GHL-009", { kind: "circuit", method: call.method, cause: error });
      outcome = { status: failure.status ?? null, headers: null, errorCode: failure.code };
      throw failure;
    } finally {
      callLog.record({
        agencyId: call.target.agencyId,
        locationId: call.target.locationId,
        operation: call.operation,
        method: call.method,
        status: outcome.status,
        durationMs: Math.round(performance.now() - started),
        attempts,
        rateRemaining: outcome.headers
          ? numberHeader(outcome.headers, "x-ratelimit-remaining")
          : null,
        dailyRemaining: outcome.headers
          ? numberHeader(outcome.headers, "x-ratelimit-daily-remaining")
          : null,
        errorCode: outcome.errorCode,
      });
    }
  };

  return { request };
};

export type GhlHttp = ReturnType<typeof createGhlHttp>;
