"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { CANONICAL_TYPES } from "~/server/domains/custom-fields/field-types";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { CanonicalFieldEditDialog } from "./canonical-field-edit-dialog";
import { type CanonicalField, useInvalidateCustomFields } from "./use-custom-fields";

export const CanonicalFieldsTable = ({
  fields,
  locationCount,
}: {
  fields: CanonicalField[];
  locationCount: number;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateCustomFields();
  const [editing, setEditing] = useState<CanonicalField | null>(null);
  const remove = useMutation(
    trpc.customFields.canonical.delete.mutationOptions({ onSettled: invalidate }),
  );
  const confirmDelete = (field: CanonicalField) => {
    const mapped = field.mappings.length;
    if (
      window.confirm(
        `Delete the canonical field "${field.name}"?${mapped > 0 ? ` Its ${mapped} mapping${mapped === 1 ? "" : "s"} go with it.` : ""} The fields in GoHighLevel are not touched.`,
      )
    )
      remove.mutate({ canonicalFieldId: field.id });
  };

  if (fields.length === 0)
    return (
      <EmptyState title="No canonical fields yet">
        Add one above, or let GHL Hub suggest fields your locations share.
      </EmptyState>
    );
  return (
    <div className="space-y-3">
      {remove.isError ? <Alert>{remove.error.message}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Canonical fields</caption>
          <thead className="text-left text-xs font-medium text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Key
              </th>
              <th scope="col" className="py-2 pr-4">
                Type
              </th>
              <th scope="col" className="py-2 pr-4">
                Mapped
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {fields.map((field) => (
              <tr key={field.id}>
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  {field.name}
                </th>
                <td className="py-2 pr-4 font-mono text-xs text-slate-700">
                  canonical:{field.key}
                </td>
                <td className="py-2 pr-4 text-slate-700">
                  {CANONICAL_TYPES[field.dataType].label}
                </td>
                <td className="py-2 pr-4 text-slate-700 tabular-nums">
                  {field.mappings.length} of {locationCount}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setEditing(field)}
                    aria-label={`Edit ${field.name}`}
                  >
                    Edit
                  </Button>
                  <Button
                    variant="danger"
                    size="sm"
                    className="ml-2"
                    disabled={remove.isPending}
                    onClick={() => confirmDelete(field)}
                    aria-label={`Delete ${field.name}`}
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing ? (
        <CanonicalFieldEditDialog field={editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
};
