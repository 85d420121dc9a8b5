"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/dialog";
import { useInvalidateContacts } from "./use-invalidate-contacts";

/** Deletes the contact in GoHighLevel after a confirmation (location admins only). */
export const DeleteContactButton = ({
  locationId,
  contactId,
  name,
}: {
  locationId: string;
  contactId: string;
  name: string;
}) => {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateContacts();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.contacts.delete.mutationOptions({
      onSuccess: () => {
        void invalidate();
        router.push(`/locations/${locationId}/contacts`);
      },
    }),
  );
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${name}?`}
        description="The contact is deleted in GoHighLevel too. This cannot be undone here."
      >
        {remove.isError ? <Alert>{remove.error.message}</Alert> : null}
        <div className="mt-4 flex justify-end gap-3">
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={remove.isPending}
            onClick={() => remove.mutate({ locationId, contactId })}
          >
            Delete contact
          </Button>
        </div>
      </Modal>
    </>
  );
};
