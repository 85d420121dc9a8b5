import { type CipherGCM, createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

import { CryptoError } from "./errors";
import { KEY_BYTES, KEY_ID_PATTERN } from "./keyring";

export { CryptoError, type CryptoErrorCode } from "./errors";

/** What a secret belongs to; bound into the AAD so a ciphertext only decrypts where it was made. */
export type SecretContext = { agencyId: string; locationId: string | null; kind: string };

export type Encryption = {
  encrypt: (plaintext: string, context: SecretContext) => string;
  decrypt: (ciphertext: string, context: SecretContext) => string;
  /** The key id a ciphertext was made with (throws CryptoError when it is malformed). */
  keyIdOf: (ciphertext: string) => string;
  currentKeyId: string;
};

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_DOMAIN = "ghl-hub/secret";
const B64URL = /^[A-Za-z0-9_-]*$/;
const LONE_SURROGATE = /\p{Cs}/u;

const malformed = () => new CryptoError("malformed", "Malformed ciphertext.");

/** Strict base64url: no padding, no foreign characters, no non-canonical trailing bits. */
const fromB64url = (part: string): Buffer => {
  if (!B64URL.test(part) || part.length % 4 === 1) throw malformed();
  const bytes = Buffer.from(part, "base64url");
  if (bytes.toString("base64url") !== part) throw malformed();
  return bytes;
};

type Envelope = { kid: string; iv: Buffer; tag: Buffer; body: Buffer };

const parse = (ciphertext: string): Envelope => {
  if (typeof ciphertext !== "string") throw malformed();
  const parts = ciphertext.split(".");
  if (parts.length !== 5) throw malformed();
  const [version, kid, iv, tag, body] = parts as [string, string, string, string, string];
  if (version !== VERSION || !KEY_ID_PATTERN.test(kid)) throw malformed();
  const envelope = { kid, iv: fromB64url(iv), tag: fromB64url(tag), body: fromB64url(body) };
  if (envelope.iv.length !== IV_BYTES || envelope.tag.length !== TAG_BYTES) throw malformed();
  return envelope;
};

/**
 * Length-prefixed, so no choice of field values can make two different contexts encode alike (a
 * separator could be smuggled inside an id). A null location encodes as "".
 */
const aadFor = (kid: string, context: SecretContext): Buffer => {
  const { agencyId, locationId, kind } = context;
  if (typeof agencyId !== "string" || agencyId === "" || typeof kind !== "string" || kind === "") {
    throw new CryptoError("invalid_context", "A secret context needs an agencyId and a kind.");
  }
  if (locationId !== null && typeof locationId !== "string") {
    throw new CryptoError("invalid_context", "A secret context's locationId must be text or null.");
  }
  const fields = [AAD_DOMAIN, VERSION, kid, agencyId, locationId ?? "", kind];
  return Buffer.concat(
    fields.flatMap((field) => {
      const bytes = Buffer.from(field, "utf8");
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
};

const copyKeys = (keys: Map<string, Buffer>): Map<string, Buffer> => {
  const copy = new Map<string, Buffer>();
  for (const [kid, key] of keys) {
    if (!KEY_ID_PATTERN.test(kid)) {
      throw new CryptoError("invalid_key", "A key id must be 1-32 of A-Z a-z 0-9 _ -.");
    }
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
      throw new CryptoError("invalid_key", `Key "${kid}" must be exactly ${KEY_BYTES} bytes.`);
    }
    copy.set(kid, Buffer.from(key));
  }
  return copy;
};

/**
 * AES-256-GCM with a random 96-bit IV and a full 128-bit tag. Ciphertexts read
 * `v1.<kid>.<iv>.<tag>.<ct>` (base64url); the key is looked up by kid, never tried in turn.
 */
export const createEncryption = (options: {
  keys: Map<string, Buffer>;
  currentKeyId: string;
}): Encryption => {
  const keys = copyKeys(options.keys);
  const { currentKeyId } = options;
  const currentKey = keys.get(currentKeyId);
  if (!currentKey) {
    throw new CryptoError("unknown_key", `The current key id "${currentKeyId}" has no key.`);
  }

  const keyFor = (kid: string): Buffer => {
    const key = keys.get(kid);
    if (!key) throw new CryptoError("unknown_key", `No key with id "${kid}" is configured.`);
    return key;
  };

  const encrypt = (plaintext: string, context: SecretContext): string => {
    // A lone surrogate would not survive UTF-8, so the round trip would silently change the text.
    if (typeof plaintext !== "string" || LONE_SURROGATE.test(plaintext)) {
      throw new CryptoError("malformed", "Only well-formed text can be encrypted.");
    }
    const aad = aadFor(currentKeyId, context);
    const iv = randomBytes(IV_BYTES);
    const cipher: CipherGCM = createCipheriv(ALGORITHM, currentKey, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, currentKeyId, iv, tag, body]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(".");
  };

  const decrypt = (ciphertext: string, context: SecretContext): string => {
    const { kid, iv, tag, body } = parse(ciphertext);
    const key = keyFor(kid);
    const aad = aadFor(kid, context);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      // Node's message carries nothing secret, but a wrong key, context and tampering must all
      // look the same to the caller.
      throw new CryptoError(
        "authentication_failed",
        `Cannot decrypt a "${context.kind}" secret: wrong key, wrong context or altered data.`,
      );
    }
  };

  return { encrypt, decrypt, keyIdOf: (ciphertext) => parse(ciphertext).kid, currentKeyId };
};
