import { GhlError } from "../../ghl/errors";

export type Failure =
  /** Worth sending again after a wait; `ambiguous`: GHL may have acted on the lost request. */
  | { kind: "transient"; message: string; ambiguous: boolean; waitMs?: number }
  /** This row will not go through as it stands: reported with the message. */
  | { kind: "row"; message: string }
  /** The location's grant is gone or lacks a scope: nothing more can be written there. */
  | { kind: "location"; message: string };

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

export const classifyFailure = (error: unknown): Failure => {
  if (!(error instanceof GhlError))
    return {
      kind: "transient",
      message: error instanceof Error ? error.message : String(error),
      ambiguous: true,
    };
  switch (error.code) {
    case "GHL-001":
    case "GHL-002":
      return { kind: "location", message: error.message };
    case "GHL-003":
    case "GHL-004":
      return {
        kind: "row",
        message: error.upstreamMessage
          ? `GoHighLevel refused this row: ${clip(error.upstreamMessage)}`
          : error.message,
      };
    case "GHL-005":
      return {
        kind: "transient",
        message: error.message,
        ambiguous: false,
        waitMs: error.retryAfterMs,
      };
    case "GHL-009":
      // The breaker (or the rate-limit wait) refused before sending: nothing reached GHL.
      return { kind: "transient", message: error.message, ambiguous: false };
    default:
      // 5xx, timeouts, network failures and unreadable answers: the request may have been applied.
      return { kind: "transient", message: error.message, ambiguous: true };
  }
};

/** Whether a failed call says the record is already gone (GHL answers 400 "… not found" too). */
export const isGone = (error: unknown) =>
  error instanceof GhlError &&
  (error.code === "GHL-003" ||
    (error.code === "GHL-004" && /not found/i.test(error.upstreamMessage ?? "")));
