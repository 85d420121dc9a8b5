import { router } from "../../trpc/init";
import { agencyAdminProcedure, noInput } from "../../trpc/procedures";
import { ZAuditPage, ZChainStatus, ZListAuditInput } from "./audit.schemas";
import { listAudit, verifyAudit } from "./audit.service";

export const auditRouter = router({
  list: agencyAdminProcedure
    .input(ZListAuditInput)
    .output(ZAuditPage)
    .query(({ ctx, input }) => listAudit(ctx, input)),
  verify: agencyAdminProcedure
    .input(noInput)
    .output(ZChainStatus)
    .query(({ ctx }) => verifyAudit(ctx)),
});
