import { createHash } from "node:crypto";

import { z } from "zod";

import { normaliseEventType } from "./event-types";

/** Strict ISO-8601 in UTC, as GHL sends `timestamp` (RELIABILITY WH-3). */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

const id = z.string().trim().min(1).max(200);

/** Only what intake needs; the handlers validate the rest of the payload. */
const ZEnvelope = z.looseObject({
  type: z.string().min(1).max(100).optional().catch(undefined),
  webhookId: id.optional().catch(undefined),
  timestamp: z.string().max(40).optional().catch(undefined),
  locationId: id.nullish().catch(undefined),
  companyId: id.nullish().catch(undefined),
  id: id.optional().catch(undefined),
  _id: id.optional().catch(undefined),
  messageId: id.optional().catch(undefined),
  appointment: z
    .looseObject({ id: id.optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

export type Envelope = {
  /** GHL's type as sent; "unknown" when the body has none or is not JSON. */
  ghlType: string;
  eventType: string | null;
  dedupKey: string;
  ghlLocationId: string | null;
  ghlCompanyId: string | null;
  ghlObjectId: string | null;
  /** null when absent or not strict ISO-8601 UTC. */
  eventAt: Date | null;
  /** Why the body cannot be processed, though it was signed (kept for forensics, then ignored). */
  unreadable: string | null;
};

const sha256 = (value: string | Uint8Array) => createHash("sha256").update(value).digest("hex");

const parseTimestamp = (value: string | undefined) => {
  if (!value || !ISO_UTC.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
};

/**
 * Reads the routing fields of a verified body. Never throws: a signed body that is not JSON, or
 * not an object, still gets an envelope (type "unknown") so it can be stored and looked at.
 */
export const readEnvelope = (body: Uint8Array): Envelope => {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    json = undefined;
  }
  const parsed = ZEnvelope.safeParse(json);
  if (!parsed.success) {
    return {
      ghlType: "unknown",
      eventType: null,
      dedupKey: `sha256:${sha256(body)}`,
      ghlLocationId: null,
      ghlCompanyId: null,
      ghlObjectId: null,
      eventAt: null,
      unreadable: json === undefined ? "body is not JSON" : "body is not a JSON object",
    };
  }
  const e = parsed.data;
  const ghlType = e.type ?? "unknown";
  const ghlObjectId = e.id ?? e.appointment?.id ?? e._id ?? e.messageId ?? null;
  const ghlLocationId = e.locationId ?? null;
  const dedupKey = e.webhookId
    ? `wh:${e.webhookId}`
    : `sha256:${sha256([ghlType, ghlLocationId ?? "", ghlObjectId ?? "", e.timestamp ?? ""].join("\u0001"))}`;
  return {
    ghlType,
    eventType: normaliseEventType(ghlType),
    dedupKey,
    ghlLocationId,
    ghlCompanyId: e.companyId ?? null,
    ghlObjectId,
    eventAt: parseTimestamp(e.timestamp),
    unreadable: null,
  };
};
