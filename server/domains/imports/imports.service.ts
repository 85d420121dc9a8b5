import { and, eq } from "drizzle-orm";

import { getImportJobs } from "../../background/import-jobs";
import { canonicalFields, customFields } from "../../db/schema";
import type { Db } from "../../db/types";
import { AppError, notFound } from "../../errors";
import { CsvRefusal } from "../../imports/csv/read-rows";
import { STANDARD_TARGETS, TARGET_LABELS } from "../../imports/mapping/targets";
import { inspectCsv } from "../../imports/plan/inspect-csv";
import type { ImportLocation } from "../../imports/plan/import-options";
import { planImport } from "../../imports/plan/plan-import";
import { markCancelled, markRunning, markUndoing } from "../../imports/run/import-transitions";
import { deleteUpload, findUpload } from "../../imports/uploads/upload-store";
import { uploadDir } from "../../imports/uploads/upload-dir";
import { type AgencyTenant, isAgencyAdmin } from "../../tenancy";
import type { AuditScope } from "../../trpc/context";
import { listAccessibleLocations } from "../locations/locations.repo";
import {
  type ImportRecord,
  findImport,
  listImports,
  locationNames,
  problemRows,
  progressByLocation,
  recentlyFinished,
} from "./imports.repo";
import type { ZImportRowsInput, ZInspectInput, ZPlanInput } from "./imports.schemas";
import type { z } from "zod";

export type ImportDeps = { db: Db; tenant: AgencyTenant; auditScope: AuditScope };

const RATE_WINDOW_MS = 15_000;

/** Locations the caller may import into: those they administer, connected or not. */
export const importLocations = async (db: Db, tenant: AgencyTenant): Promise<ImportLocation[]> =>
  (await listAccessibleLocations(db, tenant))
    .filter((l) => l.role === "admin")
    .map((l) => ({
      id: l.id,
      name: l.name,
      ghlLocationId: l.ghlLocationId,
      connectionStatus: l.connectionStatus,
    }));

const refusal = (error: unknown): never => {
  if (error instanceof CsvRefusal) throw new AppError("INVALID_INPUT", error.message);
  throw error;
};

const uploadOf = async ({ tenant }: ImportDeps, uploadId: string) => {
  const upload = await findUpload(uploadDir(), tenant.agencyId, uploadId);
  if (!upload)
    throw new AppError(
      "INVALID_INPUT",
      "That upload is gone (uploads are kept for a day). Upload the file again.",
    );
  return upload;
};

/** Fields a column can be mapped to: standard ones, the location's custom fields, canonical ones. */
const fieldChoices = async (deps: ImportDeps, locationId: string | undefined) => {
  const { db, tenant } = deps;
  const [custom, canonical] = await Promise.all([
    locationId
      ? db
          .select({ ghlId: customFields.ghlId, name: customFields.name })
          .from(customFields)
          .where(
            and(
              eq(customFields.agencyId, tenant.agencyId),
              eq(customFields.locationId, locationId),
            ),
          )
      : [],
    db
      .select({ key: canonicalFields.key, name: canonicalFields.name })
      .from(canonicalFields)
      .where(eq(canonicalFields.agencyId, tenant.agencyId)),
  ]);
  return {
    standard: STANDARD_TARGETS.map((target) => ({
      target,
      label: TARGET_LABELS[target],
      group: "Contact",
    })),
    custom: [
      ...custom.map((f) => ({
        target: `customField:${f.ghlId}` as const,
        label: f.name,
        group: "Custom fields",
      })),
      ...canonical.map((f) => ({
        target: `canonical:${f.key}` as const,
        label: f.name,
        group: "Agency fields (every location)",
      })),
    ],
  };
};

export const inspectUpload = async (deps: ImportDeps, input: z.infer<typeof ZInspectInput>) => {
  if (input.locationId) {
    const allowed = await importLocations(deps.db, deps.tenant);
    if (!allowed.some((l) => l.id === input.locationId))
      throw notFound({ type: "location", id: input.locationId });
  }
  const upload = await uploadOf(deps, input.uploadId);
  const choices = await fieldChoices(deps, input.locationId);
  const inspection = await inspectCsv({
    open: upload.open,
    encoding: upload.meta.encoding,
    delimiter: input.delimiter,
    customChoices: choices.custom,
    withLocation: !input.locationId,
  }).catch(refusal);
  return {
    uploadId: upload.meta.id,
    fileName: upload.meta.fileName,
    bytes: upload.meta.bytes,
    ...inspection,
    choices: [...choices.standard, ...choices.custom],
  };
};

export const planUpload = async (deps: ImportDeps, input: z.infer<typeof ZPlanInput>) => {
  const locations = await importLocations(deps.db, deps.tenant);
  if (input.options.location.mode === "fixed") {
    const { locationId } = input.options.location;
    if (!locations.some((l) => l.id === locationId))
      throw notFound({ type: "location", id: locationId });
    deps.auditScope.locationId = locationId;
  }
  const upload = await uploadOf(deps, input.uploadId);
  const result = await planImport({
    db: deps.db,
    agencyId: deps.tenant.agencyId,
    userId: deps.tenant.userId,
    fileName: upload.meta.fileName,
    open: upload.open,
    encoding: upload.meta.encoding,
    mapping: input.mapping,
    options: input.options,
    locations,
  }).catch(refusal);
  // The rows now live in the database; the file is not needed again.
  await deleteUpload(uploadDir(), upload.meta.id);
  return result;
};

type Access = { admin: boolean; adminOf: Set<string> };

const accessOf = async (db: Db, tenant: AgencyTenant): Promise<Access> => ({
  admin: isAgencyAdmin(tenant.role),
  adminOf: new Set((await importLocations(db, tenant)).map((l) => l.id)),
});

const canManage = (access: Access, row: ImportRecord) =>
  access.admin || row.locationIds.every((id) => access.adminOf.has(id));

const canSee = (access: Access, row: ImportRecord, userId: string) =>
  canManage(access, row) || row.createdBy === userId;

const visibleImport = async (deps: ImportDeps, importId: string) => {
  const [access, row] = await Promise.all([
    accessOf(deps.db, deps.tenant),
    findImport(deps.db, deps.tenant.agencyId, importId),
  ]);
  if (!row || !canSee(access, row, deps.tenant.userId))
    throw notFound({ type: "contact_import", id: importId });
  return { access, row };
};

const summaryOf = async (deps: ImportDeps, access: Access, row: ImportRecord) => {
  const names = await locationNames(deps.db, deps.tenant.agencyId, row.locationIds);
  const { locationIds: _ids, createdBy: _by, options: _options, ...rest } = row;
  return {
    ...rest,
    locations: row.locationIds.map((id) => ({ id, name: names.get(id) ?? "Removed location" })),
    canManage: canManage(access, row),
  };
};

export const listContactImports = async (deps: ImportDeps, limit: number) => {
  const [access, rows] = await Promise.all([
    accessOf(deps.db, deps.tenant),
    listImports(deps.db, deps.tenant.agencyId, limit),
  ]);
  const visible = rows.filter((row) => canSee(access, row, deps.tenant.userId));
  return Promise.all(visible.map((row) => summaryOf(deps, access, row)));
};

export const getImportProgress = async (deps: ImportDeps, importId: string) => {
  const { access, row } = await visibleImport(deps, importId);
  const summary = await summaryOf(deps, access, row);
  const [perLocation, recent] = await Promise.all([
    progressByLocation(deps.db, deps.tenant.agencyId, importId),
    row.status === "running" || row.status === "undoing"
      ? recentlyFinished(
          deps.db,
          deps.tenant.agencyId,
          importId,
          row.status === "running" ? "done" : "undone",
          RATE_WINDOW_MS,
        )
      : 0,
  ]);
  const total = row.planned.create + row.planned.update;
  const sinceStart = row.startedAt ? Date.now() - row.startedAt.getTime() : RATE_WINDOW_MS;
  const ratePerSecond = recent / (Math.min(RATE_WINDOW_MS, Math.max(sinceStart, 1_000)) / 1000);
  const left = row.status === "undoing" ? row.created + row.updated - row.undone : total - row.done;
  const names = new Map(summary.locations.map((l) => [l.id, l.name]));
  return {
    ...summary,
    total,
    ratePerSecond: Math.round(ratePerSecond * 10) / 10,
    etaSeconds: ratePerSecond > 0 && left > 0 ? Math.ceil(left / ratePerSecond) : null,
    byLocation: perLocation.flatMap((p) =>
      p.locationId
        ? [{ id: p.locationId, name: names.get(p.locationId) ?? "", total: p.total, done: p.done }]
        : [],
    ),
  };
};

export const listImportProblems = async (
  deps: ImportDeps,
  input: z.infer<typeof ZImportRowsInput>,
) => {
  await visibleImport(deps, input.importId);
  const rows = await problemRows(deps.db, deps.tenant.agencyId, input.importId, {
    afterLine: input.cursor ?? 0,
    limit: input.limit,
  });
  return {
    items: rows.map(({ raw, ...rest }) => ({ ...rest, cells: raw })),
    nextAfterLine: rows.length === input.limit ? (rows.at(-1)?.line ?? null) : null,
  };
};

const manageableImport = async (deps: ImportDeps, importId: string) => {
  const { access, row } = await visibleImport(deps, importId);
  if (!canManage(access, row))
    throw new AppError("FORBIDDEN", "Only admins of every location in this import can change it");
  if (row.locationIds.length === 1) deps.auditScope.locationId = row.locationIds[0] ?? null;
  return row;
};

const dispatch = async (importId: string, locationIds: string[], mode: "run" | "undo") => {
  const jobs = await getImportJobs();
  await jobs.dispatch(locationIds.map((locationId) => ({ importId, locationId, mode })));
};

export const startContactImport = async (deps: ImportDeps, importId: string) => {
  const row = await manageableImport(deps, importId);
  const locationIds = await markRunning(deps.db, { agencyId: deps.tenant.agencyId, importId });
  if (!locationIds)
    throw new AppError("INVALID_INPUT", `This import is ${row.status}; it cannot be started now.`);
  await dispatch(importId, locationIds, "run");
  return { id: importId, status: "running" as const };
};

export const cancelContactImport = async (deps: ImportDeps, importId: string) => {
  const row = await manageableImport(deps, importId);
  if (!(await markCancelled(deps.db, { agencyId: deps.tenant.agencyId, importId })))
    throw new AppError(
      "INVALID_INPUT",
      `This import is ${row.status}; only a running or planned import can be cancelled.`,
    );
  return { id: importId, status: "cancelled" as const };
};

export const undoContactImport = async (deps: ImportDeps, importId: string) => {
  const row = await manageableImport(deps, importId);
  const locationIds = await markUndoing(deps.db, { agencyId: deps.tenant.agencyId, importId });
  if (!locationIds)
    throw new AppError(
      "INVALID_INPUT",
      row.status === "running"
        ? "Cancel the import before undoing it."
        : `This import is ${row.status}; there is nothing to undo.`,
    );
  await dispatch(importId, locationIds, "undo");
  return { id: importId, status: "undoing" as const };
};
