import { z } from "zod";

import { router } from "../../trpc/init";
import { agencyProcedure } from "../../trpc/procedures";
import {
  ZImportInput,
  ZImportProgress,
  ZImportRowsInput,
  ZImportRowsPage,
  ZImportSummary,
  ZInspectInput,
  ZInspection,
  ZListImportsInput,
  ZPlanInput,
  ZPlanResult,
} from "./imports.schemas";
import {
  cancelContactImport,
  getImportProgress,
  inspectUpload,
  listContactImports,
  listImportProblems,
  planUpload,
  startContactImport,
  undoContactImport,
} from "./imports.service";

const ZStatusChange = z.object({ id: z.uuid(), status: z.string() });

// Agency-scoped: an import may span locations; access is checked per location in the service.
export const importsRouter = router({
  inspect: agencyProcedure
    .input(ZInspectInput)
    .output(ZInspection)
    .query(({ ctx, input }) => inspectUpload(ctx, input)),
  plan: agencyProcedure
    .input(ZPlanInput)
    .output(ZPlanResult)
    .mutation(({ ctx, input }) => planUpload(ctx, input)),
  list: agencyProcedure
    .input(ZListImportsInput)
    .output(z.array(ZImportSummary))
    .query(({ ctx, input }) => listContactImports(ctx, input?.limit ?? 25)),
  progress: agencyProcedure
    .input(ZImportInput)
    .output(ZImportProgress)
    .query(({ ctx, input }) => getImportProgress(ctx, input.importId)),
  problems: agencyProcedure
    .input(ZImportRowsInput)
    .output(ZImportRowsPage)
    .query(({ ctx, input }) => listImportProblems(ctx, input)),
  start: agencyProcedure
    .input(ZImportInput)
    .output(ZStatusChange)
    .mutation(({ ctx, input }) => startContactImport(ctx, input.importId)),
  cancel: agencyProcedure
    .input(ZImportInput)
    .output(ZStatusChange)
    .mutation(({ ctx, input }) => cancelContactImport(ctx, input.importId)),
  undo: agencyProcedure
    .input(ZImportInput)
    .output(ZStatusChange)
    .mutation(({ ctx, input }) => undoContactImport(ctx, input.importId)),
});
