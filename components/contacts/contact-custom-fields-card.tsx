"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import type { TContactDetail } from "~/server/domains/contacts/contacts.schemas";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Input, Select } from "../ui/field";
import { fieldValueText } from "./format";
import { useInvalidateContacts } from "./use-invalidate-contacts";

type Definition = TContactDetail["fieldDefinitions"][number];

const SINGLE_CHOICE = new Set(["SINGLE_OPTIONS", "RADIO"]);
const READ_ONLY = new Set(["FILE_UPLOAD"]);

const FieldInput = ({
  def,
  value,
  onChange,
}: {
  def: Definition;
  value: string;
  onChange: (value: string) => void;
}) =>
  SINGLE_CHOICE.has(def.dataType) && def.options ? (
    <Select className="mt-1" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">—</option>
      {def.options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </Select>
  ) : (
    <Input
      className="mt-1"
      type={def.dataType === "DATE" ? "date" : "text"}
      placeholder={def.options ? `One or more of: ${def.options.join(", ")}` : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );

/**
 * Values shown under the location's own field names (as synced); editing checks each value
 * against its field's type on the server, and errors name the field.
 */
export const ContactCustomFieldsCard = ({
  locationId,
  contactId,
  values,
  definitions,
}: {
  locationId: string;
  contactId: string;
  values: { id: string; value: unknown }[];
  definitions: Definition[];
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateContacts();
  const byId = new Map(values.map((v) => [v.id, fieldValueText(v.value)]));
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const update = useMutation(
    trpc.contacts.update.mutationOptions({
      onSuccess: () => setEditing(false),
      onSettled: () => void invalidate(),
    }),
  );
  const editable = definitions.filter((d) => !READ_ONLY.has(d.dataType));
  const unnamed = values.filter((v) => !definitions.some((d) => d.id === v.id));
  const changed = Object.fromEntries(
    Object.entries(draft).filter(([id, v]) => v.trim() !== (byId.get(id) ?? "")),
  );

  return (
    <Card>
      <CardHeader
        title="Custom fields"
        action={
          !editing && editable.length > 0 ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                setDraft(Object.fromEntries(editable.map((d) => [d.id, byId.get(d.id) ?? ""])));
                update.reset();
                setEditing(true);
              }}
            >
              Edit custom fields
            </Button>
          ) : null
        }
      />
      {definitions.length === 0 && values.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">
          No custom field values. Field names appear once the location&apos;s custom fields are
          synced.
        </p>
      ) : null}
      {editing ? (
        <form
          className="space-y-3 px-5 py-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (Object.keys(changed).length === 0) setEditing(false);
            else update.mutate({ locationId, contactId, fields: {}, customFields: changed });
          }}
        >
          {editable.map((def) => (
            <label key={def.id} className="block text-sm font-medium text-slate-900">
              {def.name}
              <FieldInput
                def={def}
                value={draft[def.id] ?? ""}
                onChange={(value) => setDraft({ ...draft, [def.id]: value })}
              />
            </label>
          ))}
          {update.isError ? <Alert>{update.error.message}</Alert> : null}
          <div className="flex justify-end gap-3">
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={update.isPending}>
              Save custom fields
            </Button>
          </div>
        </form>
      ) : (
        <dl className="divide-y divide-slate-100">
          {definitions.map((def) => (
            <div key={def.id} className="px-5 py-2.5 sm:grid sm:grid-cols-3 sm:gap-4">
              <dt className="text-sm font-medium text-slate-600">{def.name}</dt>
              <dd className="mt-1 text-sm break-words text-slate-900 sm:col-span-2 sm:mt-0">
                {byId.get(def.id) || "—"}
              </dd>
            </div>
          ))}
          {unnamed.map((v) => (
            <div key={v.id} className="px-5 py-2.5 sm:grid sm:grid-cols-3 sm:gap-4">
              <dt className="font-mono text-xs text-slate-600">{v.id}</dt>
              <dd className="mt-1 text-sm break-words text-slate-900 sm:col-span-2 sm:mt-0">
                {fieldValueText(v.value) || "—"}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
};
