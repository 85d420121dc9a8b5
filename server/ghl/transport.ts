import { GhlError } from "./errors";

export type Sent = { status: number; headers: Headers; body: unknown; traceId?: string };

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");

const parseBody = (text: string): unknown => {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * The only place GHL Hub opens a connection to GHL. Turns timeouts and network failures into
 * GhlErrors; HTTP statuses are left to the caller.
 */
export const send = async (request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<Sent> => {
  const signal = request.signal
    ? AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)])
    : AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
    });
  } catch (error) {
    if (isTimeout(error))
      throw new GhlError("GHL-007", { kind: "timeout", method: request.method, cause: error });
    throw new GhlError("GHL-008", { kind: "network", method: request.method, cause: error });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const kind = isTimeout(error) ? "timeout" : "network";
    throw new GhlError(kind === "timeout" ? "GHL-007" : "GHL-008", {
      kind,
      method: request.method,
      cause: error,
    });
  }
  const body = parseBody(text);
  const traceId =
    response.headers.get("x-trace-id") ??
    (typeof body === "object" &&
    body !== null &&
    "traceId" in body &&
    typeof body.traceId === "string"
      ? body.traceId
      : undefined);
  return { status: response.status, headers: response.headers, body, traceId };
};

/** GHL's error text, from a NestJS-style body: `message` (string or list), else `error`. */
export const upstreamMessage = (body: unknown): string => {
  if (typeof body === "string") return body.slice(0, 500);
  if (typeof body !== "object" || body === null) return "";
  const record = body as Record<string, unknown>;
  const message = record.error_description ?? record.message ?? record.error;
  if (Array.isArray(message)) return message.map(String).join(", ").slice(0, 500);
  return typeof message === "string" ? message.slice(0, 500) : "";
};
