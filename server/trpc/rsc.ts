import "server-only";

import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";

import { makeQueryClient } from "~/components/providers/query-client";

import { createTRPCContext } from "./next-context";
import { appRouter, createCaller } from "./root";

const createRscContext = cache(async () => {
  const incoming = new Headers(await headers());
  incoming.set("x-trpc-source", "rsc");
  return createTRPCContext({ headers: incoming });
});

export const getQueryClient = cache(makeQueryClient);

/** For prefetching in server components; client components read the hydrated cache. */
export const trpc = createTRPCOptionsProxy({
  ctx: createRscContext,
  router: appRouter,
  queryClient: getQueryClient,
});

/** Direct calls from server components, with the same procedures, checks and audit. */
export const caller = createCaller(createRscContext);
