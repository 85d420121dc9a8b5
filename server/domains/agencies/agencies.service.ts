import type { Db } from "../../db/types";
import type { Env } from "../../env";
import { AppError, notFound } from "../../errors";
import type { AgencyTenant } from "../../tenancy";
import { canCreateAgencies } from "./agencies.policy";
import {
  createAgencyWithOwner,
  findAgency,
  findMembershipsForUser,
  renameAgency,
} from "./agencies.repo";
import type { TAgency } from "./agencies.schemas";

type Deps = { db: Db; tenant: AgencyTenant };

export const getAgency = async ({ db, tenant }: Deps): Promise<TAgency> => {
  const agency = await findAgency(db, tenant.agencyId);
  if (!agency) throw notFound({ type: "agency", id: tenant.agencyId });
  return { ...agency, role: tenant.role };
};

export const updateAgencyName = async ({ db, tenant }: Deps, name: string) => {
  if ((await renameAgency(db, tenant.agencyId, name)) === 0)
    throw notFound({ type: "agency", id: tenant.agencyId });
  return getAgency({ db, tenant });
};

/** First-run onboarding: a signed-in user without an agency creates one and becomes its owner. */
export const createAgency = async (
  { db, userId, env }: { db: Db; userId: string; env: Env },
  name: string,
) => {
  if (!canCreateAgencies(env)) {
    throw new AppError(
      "FORBIDDEN",
      "This server is invite-only: ask an agency owner or admin to add you",
    );
  }
  if ((await findMembershipsForUser(db, userId)).length > 0) {
    throw new AppError("ALREADY_IN_AGENCY", "You already belong to an agency");
  }
  return createAgencyWithOwner(db, { name, userId });
};
