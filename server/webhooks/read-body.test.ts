import { describe, expect, it } from "vitest";

import { readCappedBody } from "./read-body";

const streamed = (chunks: Uint8Array[], delayMs = 0) =>
  new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.shift();
      if (!next) return controller.close();
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      controller.enqueue(next);
    },
  });

const request = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request("http://hub.test/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readCappedBody", () => {
  it("returns the bytes as sent", async () => {
    const result = await readCappedBody(request("héllo"), { maxBytes: 100, timeoutMs: 1_000 });
    expect(result).toEqual({ ok: true, bytes: new TextEncoder().encode("héllo") });
  });

  it("refuses an honest Content-Length over the cap without reading", async () => {
    const body = streamed([new Uint8Array(10)]);
    const result = await readCappedBody(request(body, { "content-length": "1048577" }), {
      maxBytes: 1_048_576,
      timeoutMs: 1_000,
    });
    expect(result).toEqual({ ok: false, reason: "too_large" });
  });

  it("stops reading a body that grows past the cap (no Content-Length)", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const result = await readCappedBody(request(endless), {
      maxBytes: 1_048_576,
      timeoutMs: 5_000,
    });
    expect(result).toEqual({ ok: false, reason: "too_large" });
    // 1 MiB + 1 chunk, not 100 MB: memory stays flat.
    expect(pulled).toBeLessThan(20);
  });

  it("gives up on a body trickled in slowly", async () => {
    const chunks = Array.from({ length: 50 }, () => new Uint8Array(1));
    const result = await readCappedBody(request(streamed(chunks, 50)), {
      maxBytes: 1_048_576,
      timeoutMs: 200,
    });
    expect(result).toEqual({ ok: false, reason: "read_timeout" });
  });

  it("accepts exactly the cap", async () => {
    const result = await readCappedBody(request(streamed([new Uint8Array(1024)])), {
      maxBytes: 1024,
      timeoutMs: 1_000,
    });
    expect(result.ok).toBe(true);
  });
});
