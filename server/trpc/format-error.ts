import type { TRPCError } from "@trpc/server";
import type { DefaultErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { ZodError, z } from "zod";

import { AppError } from "../errors";
import { GhlError } from "../ghl/errors";
import type { Context } from "./context";

type FormatOptions = { shape: DefaultErrorShape; error: TRPCError; ctx: Context | undefined };

const firstFieldError = (
  fieldErrors: Record<string, string[] | undefined>,
  formErrors: string[],
) => {
  const [field, messages] = Object.entries(fieldErrors).find(([, m]) => m?.length) ?? [];
  if (field && messages?.[0]) return `${field}: ${messages[0]}`;
  return formErrors[0] ?? "Invalid input";
};

/**
 * Clients get field errors for bad input, the domain code for AppErrors, and never the text of an
 * unexpected error (it may carry upstream or SQL details): that is logged with the request id.
 */
export const formatError = ({ shape, error, ctx }: FormatOptions) => {
  const cause = error.cause;
  const zodError = cause instanceof ZodError ? z.flattenError(cause) : null;
  const appCode = cause instanceof AppError || cause instanceof GhlError ? cause.code : null;
  const requestId = ctx?.request.requestId ?? null;
  let message = shape.message;
  if (zodError) message = firstFieldError(zodError.fieldErrors, zodError.formErrors);
  else if (error.code === "INTERNAL_SERVER_ERROR")
    message = `Something went wrong (request ${requestId ?? "unknown"})`;
  const { stack: _stack, ...data } = shape.data;
  return { ...shape, message, data: { ...data, zodError, appCode, requestId } };
};
