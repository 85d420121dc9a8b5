import { z } from "zod";

import { router } from "../../trpc/init";
import { agencyAdminProcedure, noInput } from "../../trpc/procedures";
import { AGENCY_ROLES, LOCATION_ROLES } from "../../tenancy";
import {
  ZAddMemberInput,
  ZMember,
  ZRemoveMemberInput,
  ZSetLocationAccessInput,
  ZUpdateMemberRoleInput,
} from "./members.schemas";
import {
  addMember,
  changeMemberRole,
  getMembers,
  removeMember,
  setLocationAccess,
} from "./members.service";

export const membersRouter = router({
  list: agencyAdminProcedure
    .input(noInput)
    .output(z.array(ZMember))
    .query(({ ctx }) => getMembers(ctx)),
  add: agencyAdminProcedure
    .input(ZAddMemberInput)
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => addMember(ctx, input)),
  updateRole: agencyAdminProcedure
    .input(ZUpdateMemberRoleInput)
    .output(z.object({ userId: z.string(), role: z.enum(AGENCY_ROLES) }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx, input)),
  remove: agencyAdminProcedure
    .input(ZRemoveMemberInput)
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => removeMember(ctx, input)),
  setLocationAccess: agencyAdminProcedure
    .input(ZSetLocationAccessInput)
    .output(
      z.object({
        userId: z.string(),
        locationId: z.uuid(),
        role: z.enum(LOCATION_ROLES).nullable(),
      }),
    )
    .mutation(({ ctx, input }) => setLocationAccess(ctx, input)),
});
