"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ContactListCard } from "./contact-list-card";
import { formatDateTime } from "./format";
import { useInvalidateContacts } from "./use-invalidate-contacts";

/** Notes live in GoHighLevel; they are read from and written to it directly. */
export const ContactNotesCard = ({
  locationId,
  contactId,
}: {
  locationId: string;
  contactId: string;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateContacts();
  const [body, setBody] = useState("");
  const notes = useQuery(trpc.contacts.listNotes.queryOptions({ locationId, contactId }));
  const create = useMutation(
    trpc.contacts.createNote.mutationOptions({
      onSuccess: () => setBody(""),
      onSettled: () => void invalidate(),
    }),
  );

  return (
    <ContactListCard
      title="Notes"
      items={notes}
      renderItem={(note) => (
        <li key={note.id} className="py-2">
          {note.title ? <p className="text-sm font-medium">{note.title}</p> : null}
          <p className="text-sm whitespace-pre-wrap text-slate-800">{note.body}</p>
          <p className="mt-1 text-xs text-slate-500">{formatDateTime(note.dateAdded)}</p>
        </li>
      )}
    >
      <form
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (body.trim()) create.mutate({ locationId, contactId, body: body.trim() });
        }}
      >
        <label htmlFor="new-note" className="sr-only">
          New note
        </label>
        <textarea
          id="new-note"
          rows={3}
          placeholder="Write a note…"
          className="block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <div className="flex justify-end">
          <Button
            type="submit"
            size="sm"
            pending={create.isPending}
            disabled={!body.trim() || create.isPending}
          >
            Add note
          </Button>
        </div>
        {create.isError ? <Alert>{create.error.message}</Alert> : null}
      </form>
    </ContactListCard>
  );
};
