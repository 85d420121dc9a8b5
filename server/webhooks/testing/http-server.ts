import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

import { type IntakeDeps, handleGhlWebhook } from "../intake";

const toRequest = (req: IncomingMessage, origin: string) =>
  new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([name, value]): [string, string][] =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
    ),
    body:
      req.method === "GET" || req.method === "HEAD"
        ? undefined
        : (Readable.toWeb(req) as ReadableStream),
    duplex: "half",
  } as RequestInit);

const send = async (res: ServerResponse, response: Response) => {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
};

/**
 * The intake route outside Next, on a plain Node HTTP server: for tests that need a real socket
 * (the sandbox delivering webhooks, a process killed mid-burst) without a production build.
 */
export const startWebhookServer = async (intake: IntakeDeps, port = 0) => {
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? "localhost"}`;
    const response =
      req.method === "POST" && req.url?.startsWith("/api/webhooks/ghl")
        ? handleGhlWebhook(toRequest(req, origin), intake)
        : Promise.resolve(new Response("not found", { status: 404 }));
    void response.then((r) => send(res, r)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/api/webhooks/ghl`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
