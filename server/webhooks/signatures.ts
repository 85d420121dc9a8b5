import { type KeyObject, createPublicKey, verify } from "node:crypto";

export type SignatureScheme = "ed25519" | "rsa";

export type WebhookKeys = {
  /** Pinned keys: more than one while GHL rotates. */
  ed25519: KeyObject[];
  rsa: KeyObject[];
  /** X-WH-Signature (RSA) is refused from this instant on (GHL retires it). */
  rsaCutoff: Date;
};

export type SignatureCheck =
  | { ok: true; scheme: SignatureScheme }
  | { ok: false; reason: "missing_signature" | "bad_signature" | "rsa_retired" | "no_keys" };

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** Every PEM public key in `pem`, each checked to be of the expected type. */
export const parsePublicKeys = (pem: string | undefined, type: "ed25519" | "rsa"): KeyObject[] => {
  if (!pem) return [];
  // .env files often carry PEMs on one line with literal "\n".
  const text = pem.replaceAll("\\n", "\n");
  return (text.match(PEM_BLOCK) ?? []).map((block) => {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== type) {
      throw new Error(`expected an ${type} public key, got ${key.asymmetricKeyType ?? "unknown"}`);
    }
    return key;
  });
};

// Ed25519 signatures are 64 bytes, RSA-4096 ones 512: anything far longer is not a signature.
const MAX_SIGNATURE_CHARS = 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const decode = (value: string): Buffer | null => {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_SIGNATURE_CHARS || !BASE64.test(trimmed)) {
    return null;
  }
  return Buffer.from(trimmed, "base64");
};

/**
 * On libuv's thread pool: a verification is a large share of intake's CPU, and off the event loop
 * it runs on another core while the loop answers other requests.
 */
const verifiedByAny = async (
  algorithm: "sha256" | null,
  body: Uint8Array,
  keys: KeyObject[],
  signature: Buffer,
) => {
  for (const key of keys) {
    // A signature the key cannot even check (wrong size for RSA) is simply not valid.
    const valid = await new Promise<boolean>((resolve) =>
      verify(algorithm, body, key, signature, (error, ok) => resolve(!error && ok)),
    );
    if (valid) return true;
  }
  return false;
};

/**
 * Verifies GHL's signature over the exact bytes received (REFERENCE §4.3): X-GHL-Signature
 * (Ed25519) when present, with no fallback to RSA; otherwise X-WH-Signature (RSA-SHA256) until the
 * cutoff. No key configured means nothing verifies: there is no "skip verification" path.
 */
export const checkSignature = async (
  body: Uint8Array,
  headers: Headers,
  keys: WebhookKeys,
  now: Date,
): Promise<SignatureCheck> => {
  const ed25519Header = headers.get("x-ghl-signature");
  if (ed25519Header !== null) {
    if (keys.ed25519.length === 0) return { ok: false, reason: "no_keys" };
    const signature = decode(ed25519Header);
    if (!signature || signature.length !== 64) return { ok: false, reason: "bad_signature" };
    const valid = await verifiedByAny(null, body, keys.ed25519, signature);
    return valid ? { ok: true, scheme: "ed25519" } : { ok: false, reason: "bad_signature" };
  }
  const rsaHeader = headers.get("x-wh-signature");
  if (rsaHeader !== null) {
    if (now >= keys.rsaCutoff) return { ok: false, reason: "rsa_retired" };
    if (keys.rsa.length === 0) return { ok: false, reason: "no_keys" };
    const signature = decode(rsaHeader);
    if (!signature) return { ok: false, reason: "bad_signature" };
    const valid = await verifiedByAny("sha256", body, keys.rsa, signature);
    return valid ? { ok: true, scheme: "rsa" } : { ok: false, reason: "bad_signature" };
  }
  return { ok: false, reason: "missing_signature" };
};
