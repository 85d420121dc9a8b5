import { initTRPC } from "@trpc/server";
import superjson from "superjson";

import type { Context } from "./context";
import { formatError } from "./format-error";

export type ProcedureScope =
  "public" | "protected" | "agency" | "agencyAdmin" | "location" | "locationAdmin";

/** Every procedure declares its tenancy scope; the isolation test reads it to pick its attack. */
export type ProcedureMeta = { scope: ProcedureScope };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({ transformer: superjson, errorFormatter: formatError });

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
export const baseProcedure = t.procedure;
