import type { Db } from "../../db/types";
import { notFound } from "../../errors";
import type { AgencyTenant } from "../../tenancy";
import { findAgencyLocation } from "../locations/locations.repo";
import { listAuditEntries, verifyAgencyChain } from "./audit.repo";
import type { TListAuditInput } from "./audit.schemas";

type Deps = { db: Db; tenant: AgencyTenant };

export const listAudit = async ({ db, tenant }: Deps, input: TListAuditInput) => {
  if (input.locationId && !(await findAgencyLocation(db, tenant.agencyId, input.locationId))) {
    throw notFound({ type: "location", id: input.locationId });
  }
  return listAuditEntries(db, tenant.agencyId, input);
};

export const verifyAudit = ({ db, tenant }: Deps) => verifyAgencyChain(db, tenant.agencyId);
