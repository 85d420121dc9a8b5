"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import type { CanonicalType } from "~/server/domains/custom-fields/field-types";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/dialog";
import { Input, Label } from "../ui/field";
import { CanonicalTypeSelect } from "./canonical-field-form";
import { type CanonicalField, useInvalidateCustomFields } from "./use-custom-fields";

/** Rename, re-key or retype a canonical field; the server refuses a type its mappings cannot hold. */
export const CanonicalFieldEditDialog = ({
  field,
  onClose,
}: {
  field: CanonicalField;
  onClose: () => void;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateCustomFields();
  const [name, setName] = useState(field.name);
  const [key, setKey] = useState(field.key);
  const [dataType, setDataType] = useState<CanonicalType>(field.dataType);
  const update = useMutation(
    trpc.customFields.canonical.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onClose();
      },
    }),
  );

  return (
    <Modal open onClose={onClose} title={`Edit ${field.name}`}>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({
            canonicalFieldId: field.id,
            name: name !== field.name ? name : undefined,
            key: key !== field.key ? key : undefined,
            dataType: dataType !== field.dataType ? dataType : undefined,
          });
        }}
      >
        <div className="space-y-1">
          <Label htmlFor="edit-canonical-name">Name</Label>
          <Input
            id="edit-canonical-name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="edit-canonical-key">Key</Label>
          <Input
            id="edit-canonical-key"
            required
            maxLength={63}
            pattern="[a-z][a-z0-9_]*"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-describedby="edit-canonical-key-hint"
          />
          <p id="edit-canonical-key-hint" className="text-xs text-slate-500">
            Saved import mappings and automations that use <code>canonical:{field.key}</code> stop
            finding it under a new key.
          </p>
        </div>
        <div className="space-y-1">
          <Label htmlFor="edit-canonical-type">Type</Label>
          <CanonicalTypeSelect id="edit-canonical-type" value={dataType} onChange={setDataType} />
        </div>
        {update.isError ? <Alert>{update.error.message}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={update.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
};
