import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { getQueryClient } from "~/server/trpc/rsc";

/** Hands queries prefetched by a server component to the client components below it. */
export const HydrateClient = ({ children }: { children: ReactNode }) => (
  <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>
);
