import { z } from "zod";

import { importRowPlan, importStatus } from "../../db/schema/imports";
import { DELIMITERS } from "../../imports/csv/detect-delimiter";
import { ZColumnMapping, ZMappingTarget } from "../../imports/mapping/targets";
import { ZImportOptions } from "../../imports/plan/import-options";

export const IMPORT_STATUSES = importStatus.enumValues;
const zImportId = z.uuid("Not a valid import id");
const zUploadId = z.uuid("Not a valid upload id");

export const ZImportInput = z.strictObject({ importId: zImportId });

export const ZInspectInput = z.strictObject({
  uploadId: zUploadId,
  delimiter: z.enum(DELIMITERS).optional(),
  /** The location every row goes to (its custom fields are offered); absent: a location column. */
  locationId: z.uuid().optional(),
});

export const ZPlanInput = z.strictObject({
  uploadId: zUploadId,
  mapping: ZColumnMapping,
  options: ZImportOptions,
});

export const ZListImportsInput = z
  .strictObject({ limit: z.number().int().min(1).max(100).default(25) })
  .optional();

export const ZImportRowsInput = z.strictObject({
  importId: zImportId,
  /** Rows after this line (paging). */
  cursor: z.number().int().min(0).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Sent by tRPC's infinite queries; pages only go forward. */
  direction: z.enum(["forward", "backward"]).optional(),
});

const ZCounts = z.object({
  create: z.number(),
  update: z.number(),
  skip: z.number(),
  invalid: z.number(),
});

export const ZFieldChoice = z.object({
  target: ZMappingTarget,
  label: z.string(),
  group: z.string(),
});

export const ZInspection = z.object({
  uploadId: z.uuid(),
  fileName: z.string(),
  bytes: z.number(),
  encoding: z.enum(["utf-8", "windows-1252"]),
  delimiter: z.enum(DELIMITERS),
  columns: z.array(z.string()),
  warnings: z.array(z.string()),
  preview: z.array(z.object({ line: z.number(), cells: z.array(z.string()) })),
  rowCount: z.number(),
  unreadableRows: z.number(),
  suggested: z.record(z.string(), ZMappingTarget),
  choices: z.array(ZFieldChoice),
});

export const ZImportSummary = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  totalRows: z.number(),
  planned: ZCounts,
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  failed: z.number(),
  undone: z.number(),
  done: z.number(),
  locations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  error: z.string().nullable(),
  canManage: z.boolean(),
});
export type TImportSummary = z.infer<typeof ZImportSummary>;

export const ZImportProgress = ZImportSummary.extend({
  /** Rows to write (created or updated by the plan). */
  total: z.number(),
  ratePerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  byLocation: z.array(
    z.object({ id: z.uuid(), name: z.string(), total: z.number(), done: z.number() }),
  ),
});

export const ZPlanResult = z.object({
  importId: z.uuid(),
  totalRows: z.number(),
  planned: ZCounts,
  byLocation: z.array(z.object({ locationId: z.uuid(), name: z.string(), counts: ZCounts })),
});

export const ZImportRow = z.object({
  line: z.number(),
  plan: z.enum(importRowPlan.enumValues),
  status: z.string(),
  outcome: z.string().nullable(),
  error: z.string().nullable(),
  locationName: z.string().nullable(),
  cells: z.record(z.string(), z.string()),
});

export const ZImportRowsPage = z.object({
  items: z.array(ZImportRow),
  nextAfterLine: z.number().nullable(),
});
export type TPlanResult = z.infer<typeof ZPlanResult>;
export type TImportProgress = z.infer<typeof ZImportProgress>;
