"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input } from "../ui/field";
import { ContactListCard } from "./contact-list-card";
import { formatDateTime } from "./format";
import { useInvalidateContacts } from "./use-invalidate-contacts";

const tomorrowAtNine = () => {
  const at = new Date(Date.now() + 86_400_000);
  at.setHours(9, 0, 0, 0);
  // datetime-local wants local time without a zone.
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T09:00`;
};

/** Tasks live in GoHighLevel; a checkbox marks one done or not done. */
export const ContactTasksCard = ({
  locationId,
  contactId,
}: {
  locationId: string;
  contactId: string;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateContacts();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState(tomorrowAtNine);
  const tasks = useQuery(trpc.contacts.listTasks.queryOptions({ locationId, contactId }));
  const create = useMutation(
    trpc.contacts.createTask.mutationOptions({
      onSuccess: () => setTitle(""),
      onSettled: () => void invalidate(),
    }),
  );
  const complete = useMutation(
    trpc.contacts.completeTask.mutationOptions({ onSettled: () => void invalidate() }),
  );
  const dueDate = due ? new Date(due) : null;
  const validDue = dueDate !== null && !Number.isNaN(dueDate.getTime());

  return (
    <ContactListCard
      title="Tasks"
      items={tasks}
      renderItem={(task) => (
        <li key={task.id} className="flex items-start gap-3 py-2">
          <input
            type="checkbox"
            className="mt-1 size-4 rounded border-slate-300"
            aria-label={`${task.title ?? "Task"} done`}
            checked={task.completed}
            disabled={complete.isPending}
            onChange={(e) =>
              complete.mutate({
                locationId,
                contactId,
                taskId: task.id,
                completed: e.target.checked,
              })
            }
          />
          <div>
            <p
              className={
                task.completed ? "text-sm text-slate-500 line-through" : "text-sm font-medium"
              }
            >
              {task.title ?? "Untitled task"}
            </p>
            <p className="text-xs text-slate-500">Due {formatDateTime(task.dueDate)}</p>
          </div>
        </li>
      )}
    >
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (title.trim() && validDue)
            create.mutate({
              locationId,
              contactId,
              title: title.trim(),
              dueDate: dueDate.toISOString(),
            });
        }}
      >
        <label className="min-w-40 flex-1 text-xs font-medium text-slate-600">
          Task
          <Input
            className="mt-1"
            placeholder="e.g. Send the quote"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Due
          <Input
            type="datetime-local"
            className="mt-1"
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
        </label>
        <Button
          type="submit"
          size="sm"
          pending={create.isPending}
          disabled={!title.trim() || !validDue || create.isPending}
        >
          Add task
        </Button>
      </form>
      {(create.error ?? complete.error) ? (
        <Alert>{(create.error ?? complete.error)?.message}</Alert>
      ) : null}
    </ContactListCard>
  );
};
