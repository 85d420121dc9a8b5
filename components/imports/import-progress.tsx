"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button, buttonClasses } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Modal } from "../ui/dialog";
import { Skeleton } from "../ui/skeleton";
import { STATUS_LABELS, errorReportUrl, formatDuration, formatNumber } from "./format";
import { ProblemRows } from "./problem-rows";

const ACTIVE = new Set(["running", "undoing"]);

const Bar = ({ label, done, total }: { label: string; done: number; total: number }) => {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  return (
    <div>
      <div
        className="h-3 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${formatNumber(done)} of ${formatNumber(total)} rows`}
      >
        <div
          className="h-full bg-indigo-600 transition-all duration-700"
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
};

const Figure = ({ label, value }: { label: string; value: string }) => (
  <div>
    <dt className="text-xs text-slate-500">{label}</dt>
    <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
  </div>
);

/**
 * One import: the dry run's counts, a live progress bar while it runs (rows done, rate, time
 * left, errors), the rows with problems, the error report, and start, cancel and undo.
 */
export const ImportProgress = ({
  importId,
  contactsHref,
}: {
  importId: string;
  contactsHref?: string;
}) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmUndo, setConfirmUndo] = useState(false);
  const progress = useQuery(
    trpc.imports.progress.queryOptions(
      { importId },
      { refetchInterval: (query) => (ACTIVE.has(query.state.data?.status ?? "") ? 1_000 : false) },
    ),
  );
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.imports.pathKey() });
  const start = useMutation(trpc.imports.start.mutationOptions({ onSettled: invalidate }));
  const cancel = useMutation(trpc.imports.cancel.mutationOptions({ onSettled: invalidate }));
  const undo = useMutation(
    trpc.imports.undo.mutationOptions({
      onSettled: invalidate,
      onSuccess: () => setConfirmUndo(false),
    }),
  );

  if (progress.isLoading)
    return (
      <div className="space-y-3" aria-label="Loading the import">
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  if (progress.error || !progress.data)
    return <Alert>{progress.error?.message ?? "Import not found"}</Alert>;
  const p = progress.data;
  const status = STATUS_LABELS[p.status] ?? { label: p.status, tone: "gray" as const };
  const active = ACTIVE.has(p.status);
  const undoing = p.status === "undoing" || p.status === "undone";
  const doneNow = undoing ? p.undone : p.done;
  const totalNow = undoing ? p.created + p.updated : p.total;
  const problems = p.planned.invalid + p.failed + p.planned.skip;
  const error = start.error ?? cancel.error ?? undo.error;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title={
            <span className="flex items-center gap-2">
              {p.fileName} <Badge tone={status.tone}>{status.label}</Badge>
            </span>
          }
          description={`${formatNumber(p.totalRows)} rows into ${p.locations.map((l) => l.name).join(", ") || "no location"}`}
          action={
            p.canManage ? (
              <div className="flex flex-wrap gap-2">
                {p.status === "planned" || p.status === "cancelled" || p.status === "failed" ? (
                  <Button
                    pending={start.isPending}
                    disabled={p.total === 0 || p.done >= p.total}
                    onClick={() => start.mutate({ importId })}
                  >
                    {p.status === "planned" ? "Start import" : "Resume import"}
                  </Button>
                ) : null}
                {p.status === "running" ? (
                  <Button
                    variant="secondary"
                    pending={cancel.isPending}
                    onClick={() => cancel.mutate({ importId })}
                  >
                    Cancel
                  </Button>
                ) : null}
                {["completed", "cancelled", "failed"].includes(p.status) &&
                p.created + p.updated > 0 ? (
                  <Button variant="danger" onClick={() => setConfirmUndo(true)}>
                    Undo import
                  </Button>
                ) : null}
              </div>
            ) : null
          }
        />
        <div className="space-y-5 px-5 py-4">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Figure label="To create" value={formatNumber(p.planned.create)} />
            <Figure label="To update" value={formatNumber(p.planned.update)} />
            <Figure label="Skipped" value={formatNumber(p.planned.skip)} />
            <Figure label="Invalid" value={formatNumber(p.planned.invalid)} />
          </dl>
          {p.status !== "planned" ? (
            <div className="space-y-2">
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="font-medium text-slate-900">
                  {undoing ? "Undone" : "Written"}: {formatNumber(doneNow)} of{" "}
                  {formatNumber(totalNow)} rows
                </span>
                {active ? (
                  <span className="text-slate-600">
                    {p.ratePerSecond.toFixed(1)} rows/s
                    {p.etaSeconds !== null ? ` · about ${formatDuration(p.etaSeconds)} left` : ""}
                  </span>
                ) : null}
              </div>
              <Bar
                label={undoing ? "Undo progress" : "Import progress"}
                done={doneNow}
                total={totalNow}
              />
              {!undoing && p.byLocation.length > 1
                ? p.byLocation.map((l) => (
                    <div
                      key={l.id}
                      className="grid grid-cols-[12rem_1fr_6rem] items-center gap-3 text-xs text-slate-600"
                    >
                      <span className="truncate">{l.name}</span>
                      <Bar label={`${l.name} progress`} done={l.done} total={l.total} />
                      <span className="text-right tabular-nums">
                        {formatNumber(l.done)}/{formatNumber(l.total)}
                      </span>
                    </div>
                  ))
                : null}
              <dl className="grid grid-cols-2 gap-4 pt-2 sm:grid-cols-4">
                <Figure label="Created" value={formatNumber(p.created)} />
                <Figure label="Updated" value={formatNumber(p.updated)} />
                <Figure label="Errors" value={formatNumber(p.failed)} />
                {undoing ? <Figure label="Undone" value={formatNumber(p.undone)} /> : null}
              </dl>
            </div>
          ) : (
            <Alert tone="info">
              This is a dry run: nothing has been written to GoHighLevel yet. Start the import to
              write
              {` ${formatNumber(p.total)}`} contacts at the location&apos;s rate limit.
            </Alert>
          )}
          {p.error ? <Alert>{p.error}</Alert> : null}
          {error ? <Alert>{error.message}</Alert> : null}
          <div className="flex flex-wrap gap-3 text-sm">
            {problems > 0 ? (
              <a
                className={buttonClasses("secondary", "sm")}
                href={errorReportUrl(importId)}
                download
              >
                Download error report (CSV)
              </a>
            ) : null}
            {contactsHref && p.status === "completed" ? (
              <Link className={buttonClasses("secondary", "sm")} href={contactsHref}>
                See the contacts
              </Link>
            ) : null}
          </div>
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Rows with problems"
          description="Invalid rows were not sent to GoHighLevel; line numbers are the file's own."
        />
        <div className="px-5 py-4">
          <ProblemRows importId={importId} refreshMs={active ? 5_000 : undefined} />
        </div>
      </Card>

      <Modal open={confirmUndo} onClose={() => setConfirmUndo(false)} title="Undo this import?">
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            The {formatNumber(p.created)} contacts it created are deleted from GoHighLevel, and the
            tags it added to the {formatNumber(p.updated)} contacts it updated are removed. Other
            changes to updated contacts stay.
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setConfirmUndo(false)}>
              Keep it
            </Button>
            <Button
              variant="danger"
              pending={undo.isPending}
              onClick={() => undo.mutate({ importId })}
            >
              Undo import
            </Button>
          </div>
        </div>
      </Modal>
    </div>
  );
};
