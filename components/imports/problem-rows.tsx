"use client";

import { useInfiniteQuery } from "@tanstack/react-query";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Skeleton } from "../ui/skeleton";

/** Rows refused by the dry run or by GoHighLevel, and skipped ones, with their CSV line numbers. */
export const ProblemRows = ({ importId, refreshMs }: { importId: string; refreshMs?: number }) => {
  const trpc = useTRPC();
  const rows = useInfiniteQuery(
    trpc.imports.problems.infiniteQueryOptions(
      { importId, limit: 50 },
      {
        getNextPageParam: (page) => page.nextAfterLine ?? undefined,
        refetchInterval: refreshMs,
      },
    ),
  );
  if (rows.isLoading) return <Skeleton className="h-24 w-full" />;
  if (rows.error) return <Alert>{rows.error.message}</Alert>;
  const items = rows.data?.pages.flatMap((page) => page.items) ?? [];
  if (items.length === 0) return <p className="text-sm text-slate-600">No row has a problem.</p>;
  return (
    <div className="space-y-3">
      <div className="max-h-96 overflow-auto rounded-lg ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="sticky top-0 bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                Line
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                Result
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                Why
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {items.map((row) => (
              <tr key={row.line}>
                <td className="px-3 py-2 text-slate-700 tabular-nums">{row.line}</td>
                <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                  {row.plan === "invalid"
                    ? "Invalid"
                    : row.status === "failed"
                      ? "Failed"
                      : row.outcome === "skipped"
                        ? "Skipped"
                        : (row.outcome ?? row.status)}
                </td>
                <td className="px-3 py-2 text-slate-700">{row.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.hasNextPage ? (
        <Button
          variant="secondary"
          size="sm"
          pending={rows.isFetchingNextPage}
          onClick={() => void rows.fetchNextPage()}
        >
          Show more
        </Button>
      ) : null}
    </div>
  );
};
