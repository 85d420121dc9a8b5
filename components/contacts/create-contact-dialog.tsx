"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/dialog";
import { Input, Label } from "../ui/field";
import { displayName, parseTags } from "./format";
import { useInvalidateContacts } from "./use-invalidate-contacts";

const FIELDS = [
  { key: "firstName", label: "First name", type: "text", autoComplete: "off" },
  { key: "lastName", label: "Last name", type: "text", autoComplete: "off" },
  { key: "email", label: "Email", type: "email", autoComplete: "off" },
  { key: "phone", label: "Phone", type: "tel", autoComplete: "off" },
  { key: "companyName", label: "Company", type: "text", autoComplete: "off" },
] as const;
type FieldKey = (typeof FIELDS)[number]["key"];

const EMPTY: Record<FieldKey, string> = {
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  companyName: "",
};

/** Creates the contact in GoHighLevel; the list shows it as soon as GHL has answered. */
export const CreateContactDialog = ({ locationId }: { locationId: string }) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateContacts();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const [tags, setTags] = useState("");
  const create = useMutation(
    trpc.contacts.create.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setValues(EMPTY);
        setTags("");
        void invalidate();
      },
    }),
  );
  const filled = Object.fromEntries(
    Object.entries(values)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ""),
  );
  const canSave = Object.keys(filled).length > 0;

  return (
    <>
      <Button onClick={() => setOpen(true)}>New contact</Button>
      {create.isSuccess ? (
        <span role="status" className="text-sm text-emerald-700">
          Created{" "}
          <Link
            className="font-medium underline"
            href={`/locations/${locationId}/contacts/${create.data.id}`}
          >
            {displayName(create.data)}
          </Link>
        </span>
      ) : null}
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title="New contact"
        description="Saved in GoHighLevel first, then shown here."
      >
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const tagList = parseTags(tags);
            create.mutate({
              locationId,
              fields: { ...filled, ...(tagList.length > 0 ? { tags: tagList } : {}) },
            });
          }}
        >
          {FIELDS.map((field) => (
            <div key={field.key}>
              <Label htmlFor={`new-contact-${field.key}`}>{field.label}</Label>
              <Input
                id={`new-contact-${field.key}`}
                type={field.type}
                autoComplete={field.autoComplete}
                className="mt-1"
                value={values[field.key]}
                onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
              />
            </div>
          ))}
          <div>
            <Label htmlFor="new-contact-tags">Tags (comma-separated)</Label>
            <Input
              id="new-contact-tags"
              className="mt-1"
              value={tags}
              onChange={(e) => setTags(e.target.value)}
            />
          </div>
          {create.isError ? <Alert>{create.error.message}</Alert> : null}
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              pending={create.isPending}
              disabled={!canSave || create.isPending}
            >
              Create contact
            </Button>
          </div>
        </form>
      </Modal>
    </>
  );
};
