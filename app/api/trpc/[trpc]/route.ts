// GET|POST /api/trpc/* – the tRPC API used by the dashboard
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getEnv } from "~/server/env";
import { BodyTooLargeError, readCappedBody } from "~/server/http/read-capped-body";
import { log } from "~/server/log";
import { createTRPCContext } from "~/server/trpc/next-context";
import { appRouter } from "~/server/trpc/root";

const tooLarge = (limit: number) =>
  Response.json(
    {
      error: {
        json: {
          message: `Request body is larger than the ${limit}-byte limit`,
          code: -32600,
          data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 },
        },
      },
    },
    { status: 413 },
  );

const handler = async (req: Request) => {
  const env = getEnv();
  let request = req;
  if (req.method === "POST") {
    try {
      const body = await readCappedBody(req, env.TRPC_MAX_BODY_BYTES);
      request = new Request(req.url, { method: req.method, headers: req.headers, body });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge(error.limit);
      throw error;
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: env.TRPC_MAX_BATCH_SIZE,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError: ({ error, path, ctx }) => {
      if (error.code !== "INTERNAL_SERVER_ERROR") return;
      (ctx?.log ?? log).error({ err: error.cause ?? error, path }, "tRPC procedure failed");
    },
  });
};

export { handler as GET, handler as POST };
