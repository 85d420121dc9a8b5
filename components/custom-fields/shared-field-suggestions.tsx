"use client";

import { useMutation } from "@tanstack/react-query";

import { CANONICAL_TYPES } from "~/server/domains/custom-fields/field-types";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import {
  type LocationColumn,
  type Suggestions,
  useInvalidateCustomFields,
} from "./use-custom-fields";

/** Fields several locations share under one name that no canonical field covers yet. */
export const SharedFieldSuggestions = ({
  suggestions,
  locations,
}: {
  suggestions: Suggestions["newCanonical"];
  locations: LocationColumn[];
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateCustomFields();
  const create = useMutation(
    trpc.customFields.canonical.create.mutationOptions({ onSettled: invalidate }),
  );
  if (suggestions.length === 0) return null;
  const nameOf = (id: string) => locations.find((l) => l.locationId === id)?.locationName ?? id;

  return (
    <section aria-labelledby="shared-fields-heading" className="space-y-2">
      <h3 id="shared-fields-heading" className="text-sm font-semibold text-slate-900">
        Fields several locations share
      </h3>
      {create.isError ? <Alert>{create.error.message}</Alert> : null}
      <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
        {suggestions.map((s) => (
          <li key={s.key} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div>
              <div className="text-sm font-medium text-slate-900">
                {s.name}{" "}
                <span className="font-normal text-slate-500">
                  · {CANONICAL_TYPES[s.dataType].label} · {s.fields.length} locations
                </span>
              </div>
              <div className="text-xs text-slate-500">
                {s.fields.map((f) => nameOf(f.locationId)).join(", ")}
              </div>
            </div>
            <Button
              size="sm"
              variant="secondary"
              pending={create.isPending && create.variables.key === s.key}
              disabled={create.isPending}
              aria-label={`Create canonical field ${s.name} and map it in ${s.fields.length} locations`}
              onClick={() =>
                create.mutate({
                  key: s.key,
                  name: s.name,
                  dataType: s.dataType,
                  mappings: s.fields.map(({ locationId, customFieldGhlId }) => ({
                    locationId,
                    customFieldGhlId,
                  })),
                })
              }
            >
              Create and map
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
};
