export type CsvEncoding = "utf-8" | "windows-1252";

/** Where a file's bytes come from; called once per pass (detection, then parsing). */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/**
 * UTF-8 (with or without BOM) when every byte sequence is valid UTF-8, else Windows-1252: what
 * Excel writes as "CSV" on Western systems, and a superset of Latin-1 that decodes any byte.
 */
export const detectEncoding = async (open: ByteSource): Promise<CsvEncoding> => {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of open()) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return "utf-8";
  } catch {
    return "windows-1252";
  }
};

/** A streaming check while bytes go by (uploads): `valid` turns false at the first bad sequence. */
export const createUtf8Check = () => {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let valid = true;
  return {
    push(chunk: Uint8Array) {
      if (!valid) return;
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        valid = false;
      }
    },
    finish(): CsvEncoding {
      if (valid) {
        try {
          decoder.decode();
        } catch {
          valid = false;
        }
      }
      return valid ? "utf-8" : "windows-1252";
    },
  };
};

/** Decoded text, chunk by chunk, with a leading BOM removed. */
export async function* decodeText(open: ByteSource, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  let first = true;
  for await (const chunk of open()) {
    let text = decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The same text without its first `count` lines (for restarting past an unreadable record). */
export async function* skipLines(
  text: AsyncIterable<string>,
  count: number,
): AsyncGenerator<string> {
  let left = count;
  for await (const chunk of text) {
    if (left === 0) {
      yield chunk;
      continue;
    }
    let at = 0;
    while (left > 0) {
      const newline = chunk.indexOf("\n", at);
      if (newline < 0) break;
      at = newline + 1;
      left--;
    }
    if (left === 0 && at < chunk.length) yield chunk.slice(at);
  }
}
