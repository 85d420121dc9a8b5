import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: Record<string, unknown>;
};

/**
 * A local HTTP endpoint that records every delivery with its exact bytes, and answers with the
 * status `respond` returns (200 by default).
 */
export const startWebhookReceiver = async (
  respond: (delivery: ReceivedWebhook, index: number) => number = () => 200,
) => {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const delivery = {
        headers: request.headers,
        raw,
        body: JSON.parse(raw.toString("utf8")) as Record<string, unknown>,
      };
      received.push(delivery);
      response.statusCode = respond(delivery, received.length - 1);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    ofType: (type: string) => received.filter((d) => d.body.type === type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
