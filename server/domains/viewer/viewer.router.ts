import { noInput, protectedProcedure } from "../../trpc/procedures";
import { router } from "../../trpc/init";
import { ZViewer } from "./viewer.schemas";
import { getViewer } from "./viewer.service";

export const viewerRouter = router({
  get: protectedProcedure
    .input(noInput)
    .output(ZViewer)
    .query(({ ctx }) => getViewer({ db: ctx.db, userId: ctx.user.id })),
});
