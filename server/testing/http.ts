import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import type { Db } from "../db/types";
import { createContextInner } from "../trpc/context";
import { appRouter } from "../trpc/root";

/** Calls the tRPC HTTP handler in-process: real routing, error formatting and status codes. */
export const httpCall = async (
  db: Db,
  userId: string | null,
  { path, input, method = "GET" }: { path: string; input?: unknown; method?: "GET" | "POST" },
) => {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  const url =
    method === "GET"
      ? `http://test/api/trpc/${path}?input=${encoded}`
      : `http://test/api/trpc/${path}`;
  const req = new Request(url, {
    method,
    headers: { "content-type": "application/json" },
    body: method === "POST" ? JSON.stringify({ json: input }) : undefined,
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () =>
      createContextInner({
        db,
        session: userId ? { user: { id: userId } } : null,
        headers: req.headers,
      }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
