import { type KeyObject, createPrivateKey, generateKeyPairSync, sign } from "node:crypto";

export type KeyPairPem = { publicKey: string; privateKey: string };
export type WebhookKeysPem = { ed25519: KeyPairPem; rsa: KeyPairPem };

const pem = (pair: { publicKey: KeyObject; privateKey: KeyObject }): KeyPairPem => ({
  publicKey: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  privateKey: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
});

let generated: WebhookKeysPem | undefined;

/**
 * The sandbox's own signing keys (it cannot hold GHL's). RSA-4096 as GHL's legacy key; generated
 * once per process because RSA generation takes seconds.
 */
export const generateWebhookKeys = (): WebhookKeysPem =>
  (generated ??= {
    ed25519: pem(generateKeyPairSync("ed25519")),
    rsa: pem(generateKeyPairSync("rsa", { modulusLength: 4096 })),
  });

export const createSigner = (keys: WebhookKeysPem) => {
  const ed25519 = createPrivateKey(keys.ed25519.privateKey);
  const rsa = createPrivateKey(keys.rsa.privateKey);
  return {
    /** X-GHL-Signature: Ed25519 over the exact body bytes, base64. */
    ed25519: (body: Buffer) => sign(null, body, ed25519).toString("base64"),
    /** X-WH-Signature: RSA PKCS#1 v1.5 with SHA-256 over the exact body bytes, base64. */
    rsa: (body: Buffer) => sign("sha256", body, rsa).toString("base64"),
  };
};
