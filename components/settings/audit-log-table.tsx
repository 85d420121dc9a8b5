"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Select } from "../ui/field";
import { Skeleton } from "../ui/skeleton";

const OUTCOME_TONE: Record<string, BadgeTone> = {
  success: "green",
  denied: "red",
  error: "yellow",
};
const OUTCOMES = ["success", "denied", "error"] as const;
type Outcome = (typeof OUTCOMES)[number];
const isOutcome = (value: string): value is Outcome =>
  (OUTCOMES as readonly string[]).includes(value);

const ChainStatus = () => {
  const trpc = useTRPC();
  const status = useQuery(trpc.audit.verify.queryOptions());
  if (status.isPending) return <Badge>Checking chain…</Badge>;
  if (status.isError) return <Badge tone="yellow">Chain not checked</Badge>;
  return status.data.intact ? (
    <Badge tone="green">Chain intact · {status.data.length} entries</Badge>
  ) : (
    <Badge tone="red">Chain broken at #{status.data.firstBrokenSeq}</Badge>
  );
};

export const AuditLogTable = () => {
  const trpc = useTRPC();
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: 50, outcome: outcome || undefined },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Select
          aria-label="Filter by outcome"
          value={outcome}
          onChange={(e) => setOutcome(isOutcome(e.target.value) ? e.target.value : "")}
          className="w-44"
        >
          <option value="">All outcomes</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
        <ChainStatus />
      </div>
      {entries.isPending ? <Skeleton className="h-64" /> : null}
      {entries.isError ? (
        <Alert>Could not load the audit log: {entries.error.message}</Alert>
      ) : null}
      {entries.data && entries.data.pages[0]?.items.length === 0 ? (
        <EmptyState title="No entries yet" />
      ) : null}
      {entries.data && (entries.data.pages[0]?.items.length ?? 0) > 0 ? (
        <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">
                  #
                </th>
                <th scope="col" className="px-4 py-2">
                  When
                </th>
                <th scope="col" className="px-4 py-2">
                  Who
                </th>
                <th scope="col" className="px-4 py-2">
                  Action
                </th>
                <th scope="col" className="px-4 py-2">
                  Target
                </th>
                <th scope="col" className="px-4 py-2">
                  Outcome
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.data.pages.flatMap((page) =>
                page.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="px-4 py-2 text-slate-500 tabular-nums">{entry.seq}</td>
                    <td className="px-4 py-2 whitespace-nowrap text-slate-700">
                      {entry.occurredAt.toLocaleString()}
                    </td>
                    <td className="px-4 py-2">{entry.actorEmail ?? entry.actorType}</td>
                    <td className="px-4 py-2 font-mono text-xs">{entry.action}</td>
                    <td className="px-4 py-2 text-xs text-slate-600">
                      {entry.targetType ? `${entry.targetType} ${entry.targetId ?? ""}` : "—"}
                    </td>
                    <td className="px-4 py-2">
                      <Badge tone={OUTCOME_TONE[entry.outcome] ?? "gray"}>
                        {entry.outcome}
                        {entry.errorCode ? ` · ${entry.errorCode}` : ""}
                      </Badge>
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      {entries.hasNextPage ? (
        <Button
          variant="secondary"
          pending={entries.isFetchingNextPage}
          onClick={() => void entries.fetchNextPage()}
        >
          Load older entries
        </Button>
      ) : null}
    </div>
  );
};
