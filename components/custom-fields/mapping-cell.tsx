"use client";

import { useMutation } from "@tanstack/react-query";

import { isCompatible } from "~/server/domains/custom-fields/field-types";

import { useTRPC } from "../providers/trpc-provider";
import { Select } from "../ui/field";
import {
  type CanonicalField,
  type LocationColumn,
  type Suggestions,
  useInvalidateCustomFields,
} from "./use-custom-fields";

type Suggestion = Suggestions["mappings"][number];

/** One canonical field at one location: a select of the location's fields that can hold it. */
export const MappingCell = ({
  canonical,
  location,
  usedBy,
  suggestion,
}: {
  canonical: CanonicalField;
  location: LocationColumn;
  /** GHL field id → the canonical field already mapped to it at this location. */
  usedBy: ReadonlyMap<string, CanonicalField>;
  suggestion: Suggestion | undefined;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateCustomFields();
  const map = useMutation(
    trpc.customFields.canonical.map.mutationOptions({ onSettled: invalidate }),
  );
  const unmap = useMutation(
    trpc.customFields.canonical.unmap.mutationOptions({ onSettled: invalidate }),
  );
  const current =
    canonical.mappings.find((m) => m.locationId === location.locationId)?.customFieldGhlId ?? "";
  const compatible = location.fields.filter((f) => isCompatible(canonical.dataType, f.dataType));
  const missing = current !== "" && !compatible.some((f) => f.ghlId === current);
  const pending = map.isPending || unmap.isPending;
  const error = map.error?.message ?? unmap.error?.message;
  const ids = { canonicalFieldId: canonical.id, locationId: location.locationId };
  const label = `${canonical.name} at ${location.locationName}`;

  return (
    <td className="px-3 py-2 align-top">
      <Select
        aria-label={label}
        value={current}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={(e) => {
          const next = e.target.value;
          if (next === "") unmap.mutate(ids);
          else map.mutate({ ...ids, customFieldGhlId: next });
        }}
        className="min-w-52"
      >
        <option value="">{compatible.length === 0 ? "No compatible field" : "Not mapped"}</option>
        {missing ? <option value={current}>Missing field ({current})</option> : null}
        {compatible.map((field) => {
          const other = usedBy.get(field.ghlId);
          const taken = other !== undefined && other.id !== canonical.id;
          return (
            <option key={field.ghlId} value={field.ghlId} disabled={taken}>
              {field.name} · {field.typeLabel}
              {taken ? ` (mapped to ${other.name})` : ""}
            </option>
          );
        })}
      </Select>
      {suggestion && current === "" ? (
        <button
          type="button"
          className="mt-1 rounded text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          disabled={pending}
          onClick={() => map.mutate({ ...ids, customFieldGhlId: suggestion.customFieldGhlId })}
          aria-label={`Map ${label} to the suggested field ${suggestion.fieldName}`}
        >
          Suggested: {suggestion.fieldName}
        </button>
      ) : null}
      {error ? (
        <p className="mt-1 max-w-56 text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </td>
  );
};
