import { describe, expect, it } from "vitest";

import { BodyTooLargeError, readCappedBody } from "./read-capped-body";

const streamOf = (chunks: number[], chunkSize: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const fill of chunks) controller.enqueue(new Uint8Array(chunkSize).fill(fill));
      controller.close();
    },
  });

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://x/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readCappedBody", () => {
  it("returns the exact bytes of a body under the cap", async () => {
    const body = await readCappedBody(post(streamOf([1, 2], 10)), 100);
    expect(body.byteLength).toBe(20);
    expect(body[0]).toBe(1);
    expect(body[19]).toBe(2);
  });

  it("refuses a declared Content-Length over the cap without reading", async () => {
    await expect(
      readCappedBody(post("x", { "content-length": "5000" }), 100),
    ).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it("stops a chunked body that grows past the cap", async () => {
    await expect(readCappedBody(post(streamOf([1, 1, 1, 1], 40)), 100)).rejects.toThrow(
      "larger than 100 bytes",
    );
  });

  it("accepts a body of exactly the cap", async () => {
    expect((await readCappedBody(post(streamOf([7], 100)), 100)).byteLength).toBe(100);
  });
});
