import { TRPCError } from "@trpc/server";
import { z } from "zod";

import { findMembershipsForUser } from "../domains/agencies/agencies.repo";
import { findAccessibleLocation } from "../domains/locations/locations.repo";
import { zLocationId } from "../domains/locations/locations.schemas";
import { AppError, notFound } from "../errors";
import { type AgencyTenant, isAgencyAdmin, type LocationTenant } from "../tenancy";
import { baseProcedure } from "./init";
import { auditMutations } from "./middleware/audit-mutations";
import { mapAppErrors } from "./middleware/map-app-errors";

const ZLocationSelector = z.object({ locationId: zLocationId });

export const publicProcedure = baseProcedure
  .meta({ scope: "public" })
  .use(auditMutations)
  .use(mapAppErrors);

export const protectedProcedure = publicProcedure
  .meta({ scope: "protected" })
  .use(({ ctx, next }) => {
    const user = ctx.session?.user;
    if (!user?.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
    return next({ ctx: { user: { ...user, id: user.id } } });
  });

/** The caller's agency comes from their membership, never from input. */
export const agencyProcedure = protectedProcedure
  .meta({ scope: "agency" })
  .use(async ({ ctx, next }) => {
    const [membership] = await findMembershipsForUser(ctx.db, ctx.user.id);
    if (!membership) throw new AppError("NO_AGENCY", "You are not a member of any agency");
    ctx.auditScope.agencyId = membership.agencyId;
    const tenant: AgencyTenant = {
      agencyId: membership.agencyId,
      userId: ctx.user.id,
      role: membership.role,
    };
    return next({ ctx: { tenant } });
  });

export const agencyAdminProcedure = agencyProcedure
  .meta({ scope: "agencyAdmin" })
  .use(({ ctx, next }) => {
    if (!isAgencyAdmin(ctx.tenant.role))
      throw new AppError("FORBIDDEN", "Only agency owners and admins can do this");
    return next();
  });

/**
 * Location procedures name the location in their (strict) input. A location the caller cannot open
 * is NOT_FOUND whether it exists elsewhere or not, so existence does not leak.
 */
export const locationProcedure = agencyProcedure
  .meta({ scope: "location" })
  .use(async ({ ctx, getRawInput, next }) => {
    const selector = ZLocationSelector.safeParse(await getRawInput());
    if (!selector.success) throw new TRPCError({ code: "BAD_REQUEST", cause: selector.error });
    const { locationId } = selector.data;
    const location = await findAccessibleLocation(ctx.db, ctx.tenant, locationId);
    if (!location) throw notFound({ type: "location", id: locationId });
    ctx.auditScope.locationId = locationId;
    const tenant: LocationTenant = { ...ctx.tenant, locationId, locationRole: location.role };
    return next({ ctx: { tenant } });
  });

export const locationAdminProcedure = locationProcedure
  .meta({ scope: "locationAdmin" })
  .use(({ ctx, next }) => {
    if (ctx.tenant.locationRole !== "admin")
      throw new AppError("FORBIDDEN", "Only location admins can do this");
    return next();
  });

/** For procedures that take nothing: still strict, so stray keys such as agencyId are refused. */
export const noInput = z.strictObject({}).optional();
