import { TRPCError } from "@trpc/server";

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
};

/** A JSON error answer a page can show as it is. */
export const jsonError = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });

/** tRPC errors from the access checks, as HTTP answers; anything else is a plain 500. */
export const errorResponse = (error: unknown) => {
  if (error instanceof TRPCError)
    return jsonError(
      STATUS[error.code] ?? 500,
      error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong" : error.message,
    );
  return jsonError(500, "Something went wrong. Try again.");
};

/** An async generator of text as a streamed HTTP body (pulled: the database is read as it is sent). */
export const textStream = (lines: AsyncGenerator<string>) => {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
};

/** The request body as an async iterable of bytes. */
export async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export const attachment = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
