export type CryptoErrorCode =
  "malformed" | "unknown_key" | "authentication_failed" | "invalid_key" | "invalid_context";

/**
 * Every failure of the vault. Messages name at most a key id and never carry plaintext, key
 * material or ciphertext, so they are safe to log and to show.
 */
export class CryptoError extends Error {
  override name = "CryptoError";
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
