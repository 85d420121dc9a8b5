"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import {
  CANONICAL_TYPES,
  CANONICAL_TYPE_KEYS,
  type CanonicalType,
  isCanonicalType,
} from "~/server/domains/custom-fields/field-types";
import { slugifyKey } from "~/server/domains/custom-fields/suggest-mappings";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input, Label, Select } from "../ui/field";
import { useInvalidateCustomFields } from "./use-custom-fields";

export const CanonicalTypeSelect = ({
  id,
  value,
  onChange,
}: {
  id: string;
  value: CanonicalType;
  onChange: (type: CanonicalType) => void;
}) => (
  <Select
    id={id}
    value={value}
    onChange={(e) => {
      if (isCanonicalType(e.target.value)) onChange(e.target.value);
    }}
  >
    {CANONICAL_TYPE_KEYS.map((type) => (
      <option key={type} value={type}>
        {CANONICAL_TYPES[type].label}
      </option>
    ))}
  </Select>
);

export const CanonicalFieldForm = () => {
  const trpc = useTRPC();
  const invalidate = useInvalidateCustomFields();
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [dataType, setDataType] = useState<CanonicalType>("text");
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.customFields.canonical.create.mutationOptions({
      onSuccess: async (field) => {
        setCreated(`${field.name} (canonical:${field.key})`);
        setName("");
        setKey("");
        await invalidate();
      },
    }),
  );
  const derived = name.trim() ? slugifyKey(name) : "lead_score";

  return (
    <form
      aria-label="Add a canonical field"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        setCreated(null);
        create.mutate({ name, key: key.trim() || undefined, dataType });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end">
        <div className="space-y-1">
          <Label htmlFor="canonical-name">Name</Label>
          <Input
            id="canonical-name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Lead score"
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="canonical-key">Key (optional)</Label>
          <Input
            id="canonical-key"
            maxLength={63}
            pattern="[a-z][a-z0-9_]*"
            title="Lowercase letters, digits and underscores, starting with a letter"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder={derived}
            aria-describedby="canonical-key-hint"
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="canonical-type">Type</Label>
          <CanonicalTypeSelect id="canonical-type" value={dataType} onChange={setDataType} />
        </div>
        <Button type="submit" pending={create.isPending}>
          Add field
        </Button>
      </div>
      <p id="canonical-key-hint" className="text-xs text-slate-500">
        Imports and automations write to <code>canonical:{key.trim() || derived}</code>; left empty,
        the key is made from the name.
      </p>
      {create.isError ? <Alert>{create.error.message}</Alert> : null}
      {created ? <Alert tone="success">{created} was added. Map it below.</Alert> : null}
    </form>
  );
};
