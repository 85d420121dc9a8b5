/** Key ids travel inside every ciphertext, so they are short and never contain the separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const KEY_BYTES = 32;

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type KeyringParse = { keys: Map<string, Buffer> } | { error: string };

const decodeKey = (value: string): Buffer | undefined => {
  if (!BASE64.test(value)) return undefined;
  const bytes = Buffer.from(value, "base64");
  // Node skips characters it cannot decode; insist the text is exactly the encoding of the bytes.
  const bare = value.replace(/=+$/, "");
  const canonical = [bytes.toString("base64"), bytes.toString("base64url")].map((v) =>
    v.replace(/=+$/, ""),
  );
  return canonical.includes(bare) ? bytes : undefined;
};

/**
 * Parses ENCRYPTION_KEYS: comma-separated `kid:base64key` pairs, each key exactly 32 bytes.
 * Errors name key ids only, never key material.
 */
export const parseKeyring = (value: string): KeyringParse => {
  const keys = new Map<string, Buffer>();
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return { error: "must list at least one kid:base64key pair" };
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(":");
    const kid = colon === -1 ? "" : entry.slice(0, colon).trim();
    if (!KEY_ID_PATTERN.test(kid)) {
      return {
        error: `entry ${index + 1} must be kid:base64key with a kid of 1-32 characters A-Z a-z 0-9 _ -`,
      };
    }
    if (keys.has(kid)) return { error: `key id "${kid}" is listed twice` };
    const key = decodeKey(entry.slice(colon + 1).trim());
    if (!key) return { error: `the key of "${kid}" is not valid base64` };
    if (key.length !== KEY_BYTES) {
      return {
        error: `the key of "${kid}" is ${key.length} bytes, it must be exactly ${KEY_BYTES}`,
      };
    }
    keys.set(kid, key);
  }
  return { keys };
};
