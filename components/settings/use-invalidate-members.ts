"use client";

import { useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "../providers/trpc-provider";

/** After any membership change, refetch the member list and the caller's locations. */
export const useInvalidateMembers = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.locations.list.queryKey() }),
    ]);
};
