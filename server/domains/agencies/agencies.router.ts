import { z } from "zod";

import { getEnv } from "../../env";
import { router } from "../../trpc/init";
import {
  agencyAdminProcedure,
  agencyProcedure,
  noInput,
  protectedProcedure,
} from "../../trpc/procedures";
import { ZAgency, ZCreateAgencyInput, ZRenameAgencyInput } from "./agencies.schemas";
import { createAgency, getAgency, updateAgencyName } from "./agencies.service";

export const agencyRouter = router({
  get: agencyProcedure
    .input(noInput)
    .output(ZAgency)
    .query(({ ctx }) => getAgency(ctx)),
  rename: agencyAdminProcedure
    .input(ZRenameAgencyInput)
    .output(ZAgency)
    .mutation(({ ctx, input }) => updateAgencyName(ctx, input.name)),
  create: protectedProcedure
    .input(ZCreateAgencyInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) =>
      createAgency({ db: ctx.db, userId: ctx.user.id, env: getEnv() }, input.name),
    ),
});
