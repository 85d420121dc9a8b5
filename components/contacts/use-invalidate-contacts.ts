"use client";

import { useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "../providers/trpc-provider";

/** Refetches every contacts view (lists, detail, timeline) after a write. */
export const useInvalidateContacts = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
};
