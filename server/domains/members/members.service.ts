import type { Db } from "../../db/types";
import { AppError, notFound } from "../../errors";
import {
  type AgencyRole,
  type AgencyTenant,
  isAgencyAdmin,
  type LocationRole,
} from "../../tenancy";
import { findAgencyLocation } from "../locations/locations.repo";
import { canAssignRole, canManageMember, leavesAnOwner } from "./members.policy";
import {
  deleteLocationGrant,
  deleteLocationGrantsOfMember,
  deleteMember,
  findMember,
  insertMember,
  listMembers,
  updateMemberRole,
  upsertLocationGrant,
  withMembershipsLocked,
} from "./members.repo";

type Deps = { db: Db; tenant: AgencyTenant };

const forbidden = (message: string) => new AppError("FORBIDDEN", message);
const lastOwner = () =>
  new AppError("LAST_OWNER", "An agency needs at least one owner; make someone else owner first");

const getManageableMember = async ({ db, tenant }: Deps, userId: string) => {
  const member = await findMember(db, tenant.agencyId, userId);
  if (!member) throw notFound({ type: "user", id: userId });
  if (!canManageMember(tenant.role, member.role)) {
    throw forbidden(`An ${tenant.role} cannot change an ${member.role}`);
  }
  return member;
};

export const getMembers = ({ db, tenant }: Deps) => listMembers(db, tenant.agencyId);

export const addMember = async (
  { db, tenant }: Deps,
  input: { email: string; name?: string; role: AgencyRole },
) => {
  if (!canAssignRole(tenant.role, input.role))
    throw forbidden(`Only owners can add an ${input.role}`);
  const added = await insertMember(db, { agencyId: tenant.agencyId, ...input });
  if (!added)
    throw new AppError("MEMBER_EXISTS", `${input.email} is already a member of this agency`);
  return { userId: added.userId };
};

export const changeMemberRole = async (
  deps: Deps,
  { userId, role }: { userId: string; role: AgencyRole },
) => {
  const { db, tenant } = deps;
  const member = await getManageableMember(deps, userId);
  if (!canAssignRole(tenant.role, role)) throw forbidden(`Only owners can make someone an ${role}`);
  await withMembershipsLocked(db, tenant.agencyId, async (tx, owners) => {
    if (!leavesAnOwner({ owners, target: member.role, nextRole: role })) throw lastOwner();
    if ((await updateMemberRole(tx, tenant.agencyId, userId, role)) === 0)
      throw notFound({ type: "user", id: userId });
    // Owners and admins reach every location, so per-location grants would only be stale rows.
    if (isAgencyAdmin(role)) await deleteLocationGrantsOfMember(tx, tenant.agencyId, userId);
  });
  return { userId, role };
};

export const removeMember = async (deps: Deps, { userId }: { userId: string }) => {
  const { db, tenant } = deps;
  const member = await getManageableMember(deps, userId);
  await withMembershipsLocked(db, tenant.agencyId, async (tx, owners) => {
    if (!leavesAnOwner({ owners, target: member.role, nextRole: null })) throw lastOwner();
    if ((await deleteMember(tx, tenant.agencyId, userId)) === 0)
      throw notFound({ type: "user", id: userId });
  });
  return { userId };
};

export const setLocationAccess = async (
  deps: Deps,
  { userId, locationId, role }: { userId: string; locationId: string; role: LocationRole | null },
) => {
  const { db, tenant } = deps;
  const member = await getManageableMember(deps, userId);
  if (!(await findAgencyLocation(db, tenant.agencyId, locationId)))
    throw notFound({ type: "location", id: locationId });
  if (isAgencyAdmin(member.role)) {
    throw new AppError("INVALID_INPUT", "Owners and admins already reach every location");
  }
  const grant = { agencyId: tenant.agencyId, userId, locationId };
  if (role) await upsertLocationGrant(db, { ...grant, role });
  else await deleteLocationGrant(db, grant);
  return { userId, locationId, role };
};
