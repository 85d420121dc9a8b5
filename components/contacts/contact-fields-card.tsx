"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import type { TContact } from "~/server/domains/contacts/contacts.schemas";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Input } from "../ui/field";
import { useInvalidateContacts } from "./use-invalidate-contacts";

const FIELDS = [
  { key: "firstName", label: "First name" },
  { key: "lastName", label: "Last name" },
  { key: "email", label: "Email", type: "email" },
  { key: "phone", label: "Phone", type: "tel" },
  { key: "address1", label: "Address" },
  { key: "city", label: "City" },
  { key: "state", label: "State" },
  { key: "postalCode", label: "Postal code" },
  { key: "country", label: "Country (2 letters)" },
  { key: "website", label: "Website" },
  { key: "timezone", label: "Time zone" },
  { key: "source", label: "Source" },
  { key: "dateOfBirth", label: "Date of birth", type: "date" },
] as const;
type Key = (typeof FIELDS)[number]["key"];

const current = (contact: TContact) =>
  Object.fromEntries(FIELDS.map((f) => [f.key, contact[f.key] ?? ""])) as Record<Key, string>;

/** Read view with an Edit button; editing sends only the fields that changed ("" clears one). */
export const ContactFieldsCard = ({
  locationId,
  contact,
}: {
  locationId: string;
  contact: TContact;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateContacts();
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState(() => current(contact));
  const update = useMutation(
    trpc.contacts.update.mutationOptions({
      onSuccess: () => setEditing(false),
      onSettled: () => void invalidate(),
    }),
  );
  const before = current(contact);
  const changed = Object.fromEntries(
    FIELDS.filter((f) => values[f.key].trim() !== before[f.key]).map((f) => [
      f.key,
      values[f.key].trim(),
    ]),
  );

  return (
    <Card>
      <CardHeader
        title="Details"
        action={
          editing ? null : (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                setValues(current(contact));
                update.reset();
                setEditing(true);
              }}
            >
              Edit details
            </Button>
          )
        }
      />
      {editing ? (
        <form
          className="space-y-3 px-5 py-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (Object.keys(changed).length === 0) setEditing(false);
            else update.mutate({ locationId, contactId: contact.id, fields: changed });
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") setEditing(false);
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            {FIELDS.map((field, i) => (
              <label key={field.key} className="text-sm font-medium text-slate-900">
                {field.label}
                <Input
                  autoFocus={i === 0}
                  type={"type" in field ? field.type : "text"}
                  className="mt-1"
                  value={values[field.key]}
                  onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
                />
              </label>
            ))}
          </div>
          {update.isError ? <Alert>{update.error.message}</Alert> : null}
          <div className="flex justify-end gap-3">
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={update.isPending}>
              Save changes
            </Button>
          </div>
        </form>
      ) : (
        <dl className="divide-y divide-slate-100">
          {FIELDS.map((field) => (
            <div key={field.key} className="px-5 py-2.5 sm:grid sm:grid-cols-3 sm:gap-4">
              <dt className="text-sm font-medium text-slate-600">{field.label}</dt>
              <dd className="mt-1 text-sm break-words text-slate-900 sm:col-span-2 sm:mt-0">
                {contact[field.key] || "—"}
              </dd>
            </div>
          ))}
          <div className="px-5 py-2.5 sm:grid sm:grid-cols-3 sm:gap-4">
            <dt className="text-sm font-medium text-slate-600">Company</dt>
            <dd className="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">
              {contact.companyName || "—"}
              <span className="block text-xs text-slate-500">
                GoHighLevel sets the company when a contact is created only.
              </span>
            </dd>
          </div>
        </dl>
      )}
      {update.isSuccess && !editing ? (
        <p role="status" className="px-5 pb-3 text-xs text-emerald-700">
          Saved in GoHighLevel.
        </p>
      ) : null}
    </Card>
  );
};
