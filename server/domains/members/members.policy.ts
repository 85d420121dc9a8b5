import type { AgencyRole } from "../../tenancy";

/** Owners manage everyone; admins manage plain members only. */
export const canManageMember = (actor: AgencyRole, target: AgencyRole) =>
  actor === "owner" || (actor === "admin" && target === "member");

/** Only owners hand out the owner and admin roles. */
export const canAssignRole = (actor: AgencyRole, role: AgencyRole) =>
  actor === "owner" || role === "member";

/** An agency must keep at least one owner. */
export const leavesAnOwner = ({
  owners,
  target,
  nextRole,
}: {
  owners: number;
  target: AgencyRole;
  nextRole: AgencyRole | null;
}) => target !== "owner" || nextRole === "owner" || owners > 1;
