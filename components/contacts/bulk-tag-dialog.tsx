"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/dialog";
import { Input, Label, Select } from "../ui/field";
import { parseTags } from "./format";
import { useInvalidateContacts } from "./use-invalidate-contacts";

/** Adds or removes tags on the selected contacts (GoHighLevel takes 100 per call). */
export const BulkTagDialog = ({
  locationId,
  contactIds,
  suggestions,
  onDone,
}: {
  locationId: string;
  contactIds: string[];
  suggestions: string[];
  onDone: () => void;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateContacts();
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState<"add" | "remove">("add");
  const [text, setText] = useState("");
  const bulk = useMutation(
    trpc.contacts.bulkTag.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setText("");
        onDone();
      },
      onSettled: () => void invalidate(),
    }),
  );
  const tags = parseTags(text);
  const count = contactIds.length;

  return (
    <>
      <Button variant="secondary" size="sm" disabled={count === 0} onClick={() => setOpen(true)}>
        Tag selected
      </Button>
      {bulk.isSuccess ? (
        <span role="status" className="text-sm text-slate-700">
          {bulk.data.requested} contact{bulk.data.requested === 1 ? "" : "s"} updated
          {bulk.data.errorCount > 0 ? `, ${bulk.data.errorCount} refused by GoHighLevel` : ""}.
        </span>
      ) : null}
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`Tag ${count} contact${count === 1 ? "" : "s"}`}
        description="The change is made in GoHighLevel, then the list refreshes."
      >
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (tags.length > 0) bulk.mutate({ locationId, contactIds, action, tags });
          }}
        >
          <div>
            <Label htmlFor="bulk-tag-action">Action</Label>
            <Select
              id="bulk-tag-action"
              className="mt-1"
              value={action}
              onChange={(e) => setAction(e.target.value === "remove" ? "remove" : "add")}
            >
              <option value="add">Add tags</option>
              <option value="remove">Remove tags</option>
            </Select>
          </div>
          <div>
            <Label htmlFor="bulk-tag-tags">Tags (comma-separated)</Label>
            <Input
              id="bulk-tag-tags"
              className="mt-1"
              list="bulk-tag-suggestions"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <datalist id="bulk-tag-suggestions">
              {suggestions.map((tag) => (
                <option key={tag} value={tag} />
              ))}
            </datalist>
          </div>
          {bulk.isError ? <Alert>{bulk.error.message}</Alert> : null}
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              pending={bulk.isPending}
              disabled={tags.length === 0 || bulk.isPending}
            >
              {action === "add" ? "Add tags" : "Remove tags"}
            </Button>
          </div>
        </form>
      </Modal>
    </>
  );
};
