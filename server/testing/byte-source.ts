import type { ByteSource } from "../imports/csv/decode";

/** Bytes as a ByteSource, in chunks (so parsing meets chunk boundaries like a real upload). */
export const sourceOf = (content: string | Uint8Array, chunkSize = 64 * 1024): ByteSource => {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return async function* () {
    for (let i = 0; i < bytes.length; i += chunkSize) {
      await Promise.resolve();
      yield bytes.subarray(i, i + chunkSize);
    }
  };
};
