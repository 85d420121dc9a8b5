"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "~/server/trpc/root";

import { useTRPC } from "../providers/trpc-provider";

type Outputs = inferRouterOutputs<AppRouter>["customFields"];
export type AcrossLocations = Outputs["listAcrossLocations"];
export type LocationColumn = AcrossLocations["locations"][number];
export type CanonicalField = AcrossLocations["canonical"][number];
export type Suggestions = Outputs["suggestMappings"];

/** Everything on the page reads the customFields router: one invalidation refreshes it all. */
export const useInvalidateCustomFields = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.customFields.pathKey() });
};

export const mappingKey = (canonicalFieldId: string, locationId: string) =>
  `${canonicalFieldId}:${locationId}`;
