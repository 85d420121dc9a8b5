import type { z } from "zod";

import type { GhlHttp, GhlTarget } from "../http";

/** What an operation runs with: the one HTTP core, and the location (or agency) it acts for. */
export type OperationContext = {
  http: GhlHttp;
  target: GhlTarget;
  /** GHL's id of the location the target is for (operations put it in paths and bodies). */
  ghlLocationId: string;
};

/**
 * One GHL function, defined once: tRPC procedures, bulk jobs and automation nodes all call it
 * through `runOperation`, so input rules, scopes and call counts cannot drift apart.
 */
export type GhlOperation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  /** Stable id, e.g. "contacts.create"; also the call log's operation name. */
  id: string;
  title: string;
  description: string;
  /** OAuth scopes the location's grant must hold. */
  scopes: readonly string[];
  /** GHL requests one call makes: bulk jobs plan their rate-limit budget with it. */
  ghlCalls: number;
  /** Whether it changes GHL (audited, never retried blindly by callers). */
  mutates: boolean;
  input: I;
  output: O;
  /** Returns parsed output: the HTTP core has already validated GHL's answer against the schema. */
  run: (ctx: OperationContext, input: z.output<I>) => Promise<z.output<O>>;
};

export const defineOperation = <I extends z.ZodType, O extends z.ZodType>(
  operation: GhlOperation<I, O>,
) => operation;

/**
 * Validates the input and runs the operation. The output is not parsed again: `run` read GHL's
 * answer through the output schema already, and its transforms (dates) must not run twice.
 */
export const runOperation = async <I extends z.ZodType, O extends z.ZodType>(
  operation: GhlOperation<I, O>,
  ctx: OperationContext,
  input: z.input<I>,
): Promise<z.output<O>> => operation.run(ctx, operation.input.parse(input));
