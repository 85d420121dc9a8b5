import { generateKeyPairSync, randomUUID, sign } from "node:crypto";

import type { WebhookKeys } from "../signatures";

/** A GHL stand-in for tests: its own Ed25519 and RSA keys, and the matching verifier keys. */
export const createTestSigner = ({ rsa = false } = {}) => {
  const ed = generateKeyPairSync("ed25519");
  // RSA-2048 keeps tests fast; GHL's key is 4096 bits, which the sandbox uses.
  const rsaPair = rsa ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : null;
  const keys: WebhookKeys = {
    ed25519: [ed.publicKey],
    rsa: rsaPair ? [rsaPair.publicKey] : [],
    rsaCutoff: new Date("2100-01-01T00:00:00Z"),
  };
  return {
    keys,
    ed25519: (body: string | Uint8Array) =>
      sign(null, Buffer.from(body), ed.privateKey).toString("base64"),
    /** The verifying key as PEM, for child processes. */
    publicKeyPem: ed.publicKey.export({ type: "spki", format: "pem" }).toString(),
    rsa: (body: string | Uint8Array) => {
      if (!rsaPair) throw new Error("created without rsa");
      return sign("sha256", Buffer.from(body), rsaPair.privateKey).toString("base64");
    },
  };
};

export type TestSigner = ReturnType<typeof createTestSigner>;

/** A GHL-shaped delivery body: the event fields plus `timestamp` and `webhookId`. */
export const ghlBody = (
  type: string,
  fields: Record<string, unknown>,
  {
    timestamp = new Date(),
    webhookId = randomUUID(),
  }: { timestamp?: Date; webhookId?: string | null } = {},
) =>
  JSON.stringify({
    type,
    ...fields,
    timestamp: timestamp.toISOString(),
    ...(webhookId ? { webhookId } : {}),
  });

export const signedRequest = (
  signer: TestSigner,
  body: string | Uint8Array,
  {
    url = "http://hub.test/api/webhooks/ghl",
    headers = {},
  }: { url?: string; headers?: Record<string, string> } = {},
) =>
  new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-ghl-signature": signer.ed25519(body),
      ...headers,
    },
    body: typeof body === "string" ? body : Buffer.from(body),
  });
