/**
 * Every failure talking to GHL, as one typed error with a stable code (GHL-001…GHL-010), a message
 * a person can act on, and what the retry and breaker policies need to know.
 */
export const GHL_ERRORS = {
  "GHL-001":
    "GoHighLevel no longer accepts this connection. Reconnect GoHighLevel in Settings → Connections.",
  "GHL-002":
    "The GoHighLevel connection lacks a permission this needs. Reconnect and approve the requested scopes.",
  "GHL-003": "GoHighLevel could not find that record.",
  "GHL-004": "GoHighLevel refused the request as invalid.",
  "GHL-005":
    "GoHighLevel's rate limit for this location is reached. The request will be retried shortly.",
  "GHL-006": "GoHighLevel had an internal error. Try again in a moment.",
  "GHL-007": "GoHighLevel did not answer in time. Try again in a moment.",
  "GHL-008": "GoHighLevel could not be reached. Check the network and try again.",
  "GHL-009":
    "GoHighLevel has been failing for this location, so calls are paused for a short while.",
  "GHL-010": "GoHighLevel answered with something GHL Hub does not understand.",
} as const;

export type GhlErrorCode = keyof typeof GHL_ERRORS;

export type GhlFailureKind =
  "http" | "timeout" | "network" | "circuit" | "invalid_response" | "auth";

export class GhlError extends Error {
  override name = "GhlError";
  readonly code: GhlErrorCode;
  readonly kind: GhlFailureKind;
  readonly status?: number;
  readonly method: string;
  readonly retryAfterMs?: number;
  /** GHL's traceId, for support tickets. */
  readonly traceId?: string;
  /** GHL's own message, kept for logs; never shown raw to users. */
  readonly upstreamMessage?: string;

  constructor(
    code: GhlErrorCode,
    details: {
      kind: GhlFailureKind;
      method: string;
      status?: number;
      retryAfterMs?: number;
      traceId?: string;
      upstreamMessage?: string;
      message?: string;
      cause?: unknown;
    },
  ) {
    super(details.message ?? GHL_ERRORS[code], { cause: details.cause });
    this.code = code;
    this.kind = details.kind;
    this.status = details.status;
    this.method = details.method;
    this.retryAfterMs = details.retryAfterMs;
    this.traceId = details.traceId;
    this.upstreamMessage = details.upstreamMessage;
  }
}

const SCOPE_MESSAGES = ["not authorized for this scope", "authClass type is not allowed"];

/** The GHL code for an HTTP error answer. */
export const codeForResponse = (status: number, upstreamMessage: string): GhlErrorCode => {
  if (status === 401)
    return SCOPE_MESSAGES.some((m) => upstreamMessage.includes(m)) ? "GHL-002" : "GHL-001";
  if (status === 403) return "GHL-002";
  if (status === 404) return "GHL-003";
  if (status === 429) return "GHL-005";
  if (status >= 500) return "GHL-006";
  return "GHL-004";
};

/** A person-facing message for the answers that need their own words. */
export const messageForResponse = (code: GhlErrorCode, upstreamMessage: string) =>
  /location is not active/i.test(upstreamMessage)
    ? "This sub-account is not active in GoHighLevel (suspended, or its billing failed). Reactivate it in GoHighLevel."
    : GHL_ERRORS[code];
