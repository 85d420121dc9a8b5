import { createHash } from "node:crypto";

import { type TRPC_ERROR_CODE_KEY, TRPCError } from "@trpc/server";

import { findResourceAgencies } from "../../audit/resource-owner";
import { recordAudit } from "../../audit/record-audit";
import { APP_ERROR_CODES, AppError } from "../../errors";
import { GhlError, type GhlErrorCode } from "../../ghl/errors";
import type { Context } from "../context";
import { middleware } from "../init";

/** GHL failures as tRPC codes: a lost grant asks for a reconnect, outages are upstream errors. */
const GHL_TRPC_CODES: Record<GhlErrorCode, TRPC_ERROR_CODE_KEY> = {
  "GHL-001": "PRECONDITION_FAILED",
  "GHL-002": "FORBIDDEN",
  "GHL-003": "NOT_FOUND",
  "GHL-004": "BAD_REQUEST",
  "GHL-005": "TOO_MANY_REQUESTS",
  "GHL-006": "BAD_GATEWAY",
  "GHL-007": "GATEWAY_TIMEOUT",
  "GHL-008": "BAD_GATEWAY",
  "GHL-009": "SERVICE_UNAVAILABLE",
  "GHL-010": "BAD_GATEWAY",
};

const shortHash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 16);

const auditDenial = async (ctx: Context, path: string, error: AppError) => {
  const own = ctx.auditScope.agencyId;
  let action = "access_forbidden";
  let details: Record<string, unknown> = { procedure: path, reason: error.message };
  if (error.code === "NOT_FOUND" && error.target) {
    const owners = await findResourceAgencies(ctx.db, error.target).catch(() => []);
    if (owners.length === 0) return; // a plain missing id, not a probe
    const foreign = owners.filter((agencyId) => agencyId !== own);
    action = foreign.length > 0 ? "cross_tenant_attempt" : "access_denied";
    // The other agency is recorded by hash only: this row is readable by the caller's admins.
    details = { procedure: path, targetAgencyHashes: foreign.map(shortHash) };
  }
  await recordAudit(ctx.db, {
    agencyId: own,
    locationId: ctx.auditScope.locationId,
    actorType: ctx.session?.user ? "user" : "anonymous",
    actorId: ctx.session?.user?.id ?? null,
    action,
    targetType: error.target?.type ?? null,
    targetId: error.target?.id ?? null,
    outcome: "denied",
    errorCode: APP_ERROR_CODES[error.code],
    ...ctx.request,
    details,
  });
};

/**
 * Turns AppErrors from services and middleware into tRPC errors. Denials are audited here, once:
 * a NOT_FOUND for a resource that exists in another agency is a `cross_tenant_attempt`.
 */
export const mapAppErrors = middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof GhlError)
    throw new TRPCError({ code: GHL_TRPC_CODES[cause.code], message: cause.message, cause });
  if (!(cause instanceof AppError)) return result;
  if (cause.code === "NOT_FOUND" || cause.code === "FORBIDDEN") {
    await auditDenial(ctx, path, cause).catch((error: unknown) =>
      ctx.log.error({ err: error, path }, "audit of a denial failed"),
    );
  }
  throw new TRPCError({ code: APP_ERROR_CODES[cause.code], message: cause.message, cause });
});
