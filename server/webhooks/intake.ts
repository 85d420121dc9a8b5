import { readEnvelope } from "./envelope";
import { InboxUnavailableError, type InboxWriter } from "./inbox-writer";
import { readCappedBody } from "./read-body";
import { type WebhookKeys, checkSignature } from "./signatures";

export type IntakeOutcome =
  | "accepted"
  | "duplicate"
  | "ignored"
  | "rejected_signature"
  | "rejected_stale"
  | "too_large"
  | "read_timeout"
  | "throttled";

export type IntakeConfig = {
  maxBodyBytes: number;
  readTimeoutMs: number;
  /** How far the body's timestamp may be from now; wide enough for GHL's 429 retries (~70 min). */
  toleranceMs: number;
  /** Seconds GHL is asked to wait after a 429. */
  retryAfterSeconds: number;
};

export type IntakeDeps = {
  keys: () => WebhookKeys;
  inbox: InboxWriter;
  config: IntakeConfig;
  now?: () => Date;
  /** Counts outcomes (metrics); a throw is ignored. */
  count?: (outcome: IntakeOutcome, detail?: string) => void;
};

// Never stored: credentials a proxy might add. Signatures are kept (they are not secret).
const DROPPED_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);
const MAX_HEADER_CHARS = 2_048;

const keptHeaders = (headers: Headers) => {
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    if (DROPPED_HEADERS.has(name) || value.length > MAX_HEADER_CHARS || ++count > 50) continue;
    kept[name] = value;
  }
  return kept;
};

const json = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });

/**
 * POST /api/webhooks/ghl: verify, store, then acknowledge. Every answer is 200 (stored, or a
 * duplicate of a stored row), 401 (not from GHL, or replayed), 413/408 (bad transport) or 429
 * (could not store: GHL retries only that). Never 5xx, and never 2xx without a committed row.
 */
export const handleGhlWebhook = async (
  request: Request,
  deps: IntakeDeps,
  options: { pathLocationId?: string } = {},
): Promise<Response> => {
  const { config } = deps;
  const count = (outcome: IntakeOutcome, detail?: string) => {
    try {
      deps.count?.(outcome, detail);
    } catch {
      // Metrics must never change what GHL is told.
    }
  };
  const now = deps.now?.() ?? new Date();
  try {
    const body = await readCappedBody(request, {
      maxBytes: config.maxBodyBytes,
      timeoutMs: config.readTimeoutMs,
    });
    if (!body.ok) {
      if (body.reason === "too_large") {
        count("too_large");
        return json(413, { error: "payload_too_large", maxBytes: config.maxBodyBytes });
      }
      count("read_timeout");
      return json(408, { error: "request_timeout" });
    }
    const signature = await checkSignature(body.bytes, request.headers, deps.keys(), now);
    if (!signature.ok) {
      count("rejected_signature", signature.reason);
      return json(401, { error: "invalid_signature", reason: signature.reason });
    }
    const envelope = readEnvelope(body.bytes);
    if (!envelope.unreadable) {
      if (!envelope.eventAt) {
        count("rejected_stale", "timestamp");
        return json(401, { error: "invalid_timestamp" });
      }
      if (Math.abs(now.getTime() - envelope.eventAt.getTime()) > config.toleranceMs) {
        count("rejected_stale", "window");
        return json(401, { error: "stale_timestamp" });
      }
    }
    const pathMismatch =
      options.pathLocationId !== undefined &&
      envelope.ghlLocationId !== null &&
      options.pathLocationId !== envelope.ghlLocationId;
    const stored = await deps.inbox.write({
      ...envelope,
      rawBody: body.bytes,
      headers: keptHeaders(request.headers),
      signatureScheme: signature.scheme,
      ignoredReason:
        envelope.unreadable ??
        (pathMismatch ? "the URL's location is not the body's locationId" : null),
    });
    const outcome = !stored.inserted
      ? "duplicate"
      : envelope.unreadable || pathMismatch
        ? "ignored"
        : "accepted";
    count(outcome);
    return json(200, { received: true, id: stored.id, duplicate: !stored.inserted });
  } catch (error) {
    // Anything unexpected is treated like a database outage: GHL will send it again.
    count("throttled", error instanceof InboxUnavailableError ? "inbox" : "error");
    return json(
      429,
      { error: "try_again_later" },
      { "retry-after": String(config.retryAfterSeconds) },
    );
  }
};
