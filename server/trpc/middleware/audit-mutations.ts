import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

import { recordAudit } from "../../audit/record-audit";
import type { AuditScope } from "../context";
import { middleware } from "../init";

const DENIED: TRPC_ERROR_CODE_KEY[] = ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const targetOf = (input: unknown) => {
  if (!isRecord(input)) return { targetType: null, targetId: null };
  if (typeof input.userId === "string") return { targetType: "user", targetId: input.userId };
  if (typeof input.eventId === "string")
    return { targetType: "webhook_event", targetId: input.eventId };
  if (typeof input.locationId === "string")
    return { targetType: "location", targetId: input.locationId };
  return { targetType: null, targetId: null };
};

/**
 * One audit row per mutation, whatever its outcome. Outermost, so it sees the final error code, and
 * the tenancy resolved by the inner middleware through the scope it hands down.
 */
export const auditMutations = middleware(async ({ ctx, type, path, getRawInput, next }) => {
  // A fresh scope per call: server components make several calls with one context.
  const auditScope: AuditScope = { agencyId: null, locationId: null };
  const result = await next({ ctx: { auditScope } });
  if (type !== "mutation") return result;
  const input = await getRawInput().catch(() => undefined);
  const user = ctx.session?.user;
  try {
    await recordAudit(ctx.db, {
      agencyId: auditScope.agencyId,
      locationId: auditScope.locationId,
      actorType: user ? "user" : "anonymous",
      actorId: user?.id ?? null,
      action: path,
      ...targetOf(input),
      outcome: result.ok ? "success" : DENIED.includes(result.error.code) ? "denied" : "error",
      errorCode: result.ok ? null : result.error.code,
      ...ctx.request,
      details: isRecord(input) ? { input } : null,
    });
  } catch (error) {
    // The mutation has already happened; failing it now would mislead the caller. Alert instead.
    ctx.log.error({ err: error, path }, "audit write failed");
  }
  return result;
});
