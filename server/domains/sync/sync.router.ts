import { router } from "../../trpc/init";
import { agencyProcedure, locationAdminProcedure, locationProcedure } from "../../trpc/procedures";
import {
  ZMissedOverview,
  ZMissedOverviewInput,
  ZSyncNowInput,
  ZSyncNowResult,
  ZSyncRunPage,
  ZSyncRunsInput,
  ZSyncStatus,
  ZSyncStatusInput,
} from "./sync.schemas";
import { getMissedOverview, getSyncStatus, listSyncRuns, requestSyncNow } from "./sync.service";

export const syncRouter = router({
  status: locationProcedure
    .input(ZSyncStatusInput)
    .output(ZSyncStatus)
    .query(({ ctx }) => getSyncStatus(ctx)),
  runs: locationProcedure
    .input(ZSyncRunsInput)
    .output(ZSyncRunPage)
    .query(({ ctx, input }) => listSyncRuns(ctx, input)),
  syncNow: locationAdminProcedure
    .input(ZSyncNowInput)
    .output(ZSyncNowResult)
    .mutation(({ ctx }) => requestSyncNow(ctx)),
  missedOverview: agencyProcedure
    .input(ZMissedOverviewInput)
    .output(ZMissedOverview)
    .query(({ ctx, input }) => getMissedOverview(ctx, input)),
});
