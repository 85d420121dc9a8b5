"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { STATUS_LABELS, formatNumber } from "./format";

/** The agency's imports, newest first; running ones refresh on their own. */
export const ImportsList = () => {
  const trpc = useTRPC();
  const imports = useQuery(
    trpc.imports.list.queryOptions(
      { limit: 50 },
      {
        refetchInterval: (query) =>
          (query.state.data ?? []).some((i) => i.status === "running" || i.status === "undoing")
            ? 2_000
            : false,
      },
    ),
  );
  if (imports.isLoading)
    return (
      <div className="space-y-2" aria-label="Loading imports">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  if (imports.error) return <Alert>{imports.error.message}</Alert>;
  const items = imports.data ?? [];
  if (items.length === 0)
    return (
      <EmptyState title="No imports yet">
        Import a CSV of contacts into one location or several; a dry run shows what would happen
        first.
      </EmptyState>
    );
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {["File", "Status", "Locations", "Rows", "Created", "Updated", "Errors", "Started"].map(
              (h) => (
                <th key={h} scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                  {h}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {items.map((item) => {
            const status = STATUS_LABELS[item.status] ?? {
              label: item.status,
              tone: "gray" as const,
            };
            return (
              <tr key={item.id}>
                <td className="px-3 py-2">
                  <Link
                    href={`/imports/${item.id}`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    {item.fileName}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={status.tone}>{status.label}</Badge>
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {item.locations.map((l) => l.name).join(", ")}
                </td>
                <td className="px-3 py-2 text-slate-700 tabular-nums">
                  {formatNumber(item.totalRows)}
                </td>
                <td className="px-3 py-2 text-slate-700 tabular-nums">
                  {formatNumber(item.created)}
                </td>
                <td className="px-3 py-2 text-slate-700 tabular-nums">
                  {formatNumber(item.updated)}
                </td>
                <td className="px-3 py-2 text-slate-700 tabular-nums">
                  {formatNumber(item.failed + item.planned.invalid)}
                </td>
                <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                  {(item.startedAt ?? item.createdAt).toLocaleString()}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
