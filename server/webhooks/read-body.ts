export type BodyRead =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: "too_large" | "read_timeout" | "aborted" };

/**
 * Reads a request body as bytes, stopping at `maxBytes` (an honest Content-Length over the cap is
 * refused before reading anything) and at `timeoutMs` (a body trickled in slowly).
 */
export const readCappedBody = async (
  request: Request,
  { maxBytes, timeoutMs }: { maxBytes: number; timeoutMs: number },
): Promise<BodyRead> => {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timedOut]);
      if (next === "timeout") {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "read_timeout" };
      }
      if (next.done) break;
      total += next.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too_large" };
      }
      chunks.push(next.value);
    }
  } catch {
    return { ok: false, reason: "aborted" };
  } finally {
    clearTimeout(timer);
  }
  if (chunks.length === 1 && chunks[0]) return { ok: true, bytes: chunks[0] };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
};
