"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { CANONICAL_TYPES } from "~/server/domains/custom-fields/field-types";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { LocationColumnHeader } from "./location-column-header";
import { MappingCell } from "./mapping-cell";
import { SharedFieldSuggestions } from "./shared-field-suggestions";
import {
  type AcrossLocations,
  type CanonicalField,
  mappingKey,
  useInvalidateCustomFields,
} from "./use-custom-fields";

/** Rows are canonical fields, columns are locations; each cell picks the location's own field. */
export const MappingGrid = ({ data }: { data: AcrossLocations }) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateCustomFields();
  const [suggesting, setSuggesting] = useState(false);
  const suggestions = useQuery({
    ...trpc.customFields.suggestMappings.queryOptions(),
    enabled: suggesting,
  });
  const map = useMutation(trpc.customFields.canonical.map.mutationOptions());
  const [applying, setApplying] = useState<{ done: number; total: number } | null>(null);
  const [applyErrors, setApplyErrors] = useState<string[]>([]);

  const bySuggestion = new Map(
    (suggesting ? (suggestions.data?.mappings ?? []) : []).map((s) => [
      mappingKey(s.canonicalFieldId, s.locationId),
      s,
    ]),
  );
  const usedBy = new Map<string, Map<string, CanonicalField>>();
  for (const canonical of data.canonical)
    for (const m of canonical.mappings) {
      const perLocation = usedBy.get(m.locationId) ?? new Map<string, CanonicalField>();
      perLocation.set(m.customFieldGhlId, canonical);
      usedBy.set(m.locationId, perLocation);
    }

  const applyAll = async () => {
    const pending = suggestions.data?.mappings ?? [];
    setApplyErrors([]);
    setApplying({ done: 0, total: pending.length });
    const errors: string[] = [];
    for (const [index, s] of pending.entries()) {
      try {
        await map.mutateAsync({
          canonicalFieldId: s.canonicalFieldId,
          locationId: s.locationId,
          customFieldGhlId: s.customFieldGhlId,
        });
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      setApplying({ done: index + 1, total: pending.length });
    }
    setApplyErrors(errors);
    setApplying(null);
    await invalidate();
  };

  if (data.locations.length === 0)
    return (
      <EmptyState title="No locations yet">
        Connect GoHighLevel in Settings → Connections; each sub-account&apos;s fields appear here.
      </EmptyState>
    );
  const count = suggestions.data?.mappings.length ?? 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          pending={suggesting && suggestions.isFetching}
          onClick={() => {
            setSuggesting(true);
            void suggestions.refetch();
          }}
        >
          Suggest mappings
        </Button>
        {suggesting && suggestions.isSuccess ? (
          <>
            <span className="text-sm text-slate-600" role="status">
              {count === 0
                ? "No new mappings to suggest: names match nowhere else."
                : `${count} suggested mapping${count === 1 ? "" : "s"}, marked in the grid.`}
            </span>
            {count > 0 ? (
              <Button pending={applying !== null} onClick={() => void applyAll()}>
                Apply all {count}
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
      {applying ? (
        <div className="space-y-1">
          <div
            className="h-1.5 w-64 rounded bg-slate-200"
            role="progressbar"
            aria-label="Applying suggested mappings"
            aria-valuemin={0}
            aria-valuemax={applying.total}
            aria-valuenow={applying.done}
          >
            <div
              className="h-1.5 rounded bg-indigo-600"
              style={{ width: `${(applying.done / Math.max(applying.total, 1)) * 100}%` }}
            />
          </div>
          <p className="text-xs text-slate-600">
            {applying.done} of {applying.total}
          </p>
        </div>
      ) : null}
      {suggestions.isError ? (
        <Alert>Could not suggest mappings: {suggestions.error.message}</Alert>
      ) : null}
      {applyErrors.length > 0 ? (
        <Alert>
          {applyErrors.length} suggestion{applyErrors.length === 1 ? "" : "s"} could not be applied:{" "}
          {applyErrors.join(" ")}
        </Alert>
      ) : null}
      <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Canonical field mapping per location</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 align-top font-medium">
                Canonical field
              </th>
              {data.locations.map((location) => (
                <LocationColumnHeader key={location.locationId} location={location} />
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {data.canonical.length === 0 ? (
              <tr>
                <td colSpan={data.locations.length + 1} className="px-3 py-8 text-center">
                  <p className="text-sm font-medium text-slate-900">Nothing to map yet</p>
                  <p className="mt-1 text-sm text-slate-600">
                    Add a canonical field above, or ask for suggestions; then pick each
                    location&apos;s field for it here.
                  </p>
                </td>
              </tr>
            ) : null}
            {data.canonical.map((canonical) => (
              <tr key={canonical.id}>
                <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left align-top">
                  <div className="font-medium text-slate-900">{canonical.name}</div>
                  <div className="text-xs font-normal text-slate-500">
                    {CANONICAL_TYPES[canonical.dataType].label} ·{" "}
                    <span className="font-mono">{canonical.key}</span>
                  </div>
                </th>
                {data.locations.map((location) => (
                  <MappingCell
                    key={location.locationId}
                    canonical={canonical}
                    location={location}
                    usedBy={usedBy.get(location.locationId) ?? new Map()}
                    suggestion={bySuggestion.get(mappingKey(canonical.id, location.locationId))}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {suggesting && suggestions.data ? (
        <SharedFieldSuggestions
          suggestions={suggestions.data.newCanonical}
          locations={data.locations}
        />
      ) : null}
    </div>
  );
};
