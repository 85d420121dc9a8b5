"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Input } from "../ui/field";
import { parseTags } from "./format";
import { useInvalidateContacts } from "./use-invalidate-contacts";

/** Each tag has its own labelled remove button; new tags are typed comma-separated. */
export const ContactTagsCard = ({
  locationId,
  contactId,
  tags,
}: {
  locationId: string;
  contactId: string;
  tags: string[];
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateContacts();
  const [text, setText] = useState("");
  const add = useMutation(
    trpc.contacts.addTags.mutationOptions({
      onSuccess: () => setText(""),
      onSettled: () => void invalidate(),
    }),
  );
  const remove = useMutation(
    trpc.contacts.removeTags.mutationOptions({ onSettled: () => void invalidate() }),
  );
  const error = add.error ?? remove.error;
  const newTags = parseTags(text);

  return (
    <Card>
      <CardHeader title="Tags" />
      <div className="space-y-3 px-5 py-4">
        {tags.length === 0 ? (
          <p className="text-sm text-slate-600">No tags yet.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Tags">
            {tags.map((tag) => (
              <li
                key={tag}
                className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-500/20"
              >
                {tag}
                <button
                  type="button"
                  aria-label={`Remove tag ${tag}`}
                  disabled={remove.isPending}
                  className="rounded px-1 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
                  onClick={() => remove.mutate({ locationId, contactId, tags: [tag] })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (newTags.length > 0) add.mutate({ locationId, contactId, tags: newTags });
          }}
        >
          <Input
            aria-label="New tags"
            placeholder="Add tags, comma-separated"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            type="submit"
            size="sm"
            variant="secondary"
            pending={add.isPending}
            disabled={newTags.length === 0 || add.isPending}
          >
            Add
          </Button>
        </form>
        {error ? <Alert>{error.message}</Alert> : null}
      </div>
    </Card>
  );
};
