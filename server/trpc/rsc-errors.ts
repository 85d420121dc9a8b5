import "server-only";

import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";

/**
 * Maps procedure errors onto Next navigation in server components: not found (or not yours) is a
 * 404 page, a lost session goes to sign-in, anything else reaches the error boundary.
 */
export const pageData = async <T>(call: Promise<T>): Promise<T> => {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
      if (error.code === "UNAUTHORIZED") redirect("/sign-in");
    }
    throw error;
  }
};
