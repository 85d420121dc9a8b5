import { z } from "zod";

import { PermanentEventError } from "./retry-policy";

/**
 * Postgres text cannot hold U+0000 and JSON can carry lone surrogates: neither may turn a stored
 * event into a failing one, so strings are made storable as they are parsed.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (value: string) =>
  value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");

const makeStorable = (_key: string, value: unknown) =>
  typeof value === "string" ? storable(value) : value;

export const parseStoredBody = (raw: Uint8Array): Record<string, unknown> => {
  let parsed: unknown;
  try {
    const text = new TextDecoder().decode(raw);
    // Raw NUL is not valid JSON and the decoder turns broken UTF-8 into U+FFFD, so only a \u
    // escape can produce either: without one the (slow) reviver has nothing to do.
    parsed = text.includes("\\u") ? JSON.parse(text, makeStorable) : JSON.parse(text);
  } catch {
    throw new PermanentEventError("the body is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new PermanentEventError("the body is not a JSON object");
  }
  return parsed as Record<string, unknown>;
};

/** Parses a payload for a handler; a payload that does not fit will never fit, so it is permanent. */
export const parsePayload = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new PermanentEventError(`payload does not match: ${z.prettifyError(result.error)}`);
  }
  return result.data;
};

export { optBool, optDate, optNumber, optText, requiredId } from "../sync/mirror/lenient";
