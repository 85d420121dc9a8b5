"use client";

import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/dialog";
import { Input } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import { displayName } from "./format";
import { MergePreviewView } from "./merge-preview";
import { useInvalidateContacts } from "./use-invalidate-contacts";
import { useDebounced } from "./use-debounced";

/**
 * Find the duplicate, choose which record survives, read what will change, then merge: the
 * survivor keeps its values, fills its gaps from the other, and the other is deleted in GHL.
 */
export const MergeContactDialog = ({
  locationId,
  contact,
}: {
  locationId: string;
  contact: { id: string; name: string | null; email: string | null; phone: string | null };
}) => {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateContacts();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(contact.name ?? "");
  const [otherId, setOtherId] = useState<string | null>(null);
  const [keepThis, setKeepThis] = useState(true);
  const search = useDebounced(text.trim(), 250);

  const candidates = useQuery(
    trpc.contacts.list.queryOptions(
      open && search ? { locationId, search, sort: "relevance", pageSize: 10 } : skipToken,
    ),
  );
  const pair = otherId
    ? {
        locationId,
        primaryId: keepThis ? contact.id : otherId,
        duplicateId: keepThis ? otherId : contact.id,
      }
    : null;
  const preview = useQuery(
    trpc.contacts.mergePreview.queryOptions(open && pair ? pair : skipToken),
  );
  const merge = useMutation(
    trpc.contacts.merge.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        void invalidate();
        if (result.contact.id !== contact.id)
          router.push(`/locations/${locationId}/contacts/${result.contact.id}`);
      },
    }),
  );
  const others = candidates.data?.items.filter((c) => c.id !== contact.id) ?? [];

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Merge with…
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        size="xl"
        title={`Merge ${displayName(contact)} with a duplicate`}
        description="Nothing changes until you confirm. The surviving contact keeps its own values."
      >
        <div className="space-y-4">
          <label className="block text-sm font-medium text-slate-900">
            Find the duplicate
            <Input
              type="search"
              className="mt-1"
              placeholder="Name, email or phone"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          {candidates.isFetching && others.length === 0 ? <Skeleton className="h-10" /> : null}
          {candidates.isSuccess && others.length === 0 ? (
            <p className="text-sm text-slate-600">No other contact matches.</p>
          ) : null}
          {others.length > 0 ? (
            <fieldset>
              <legend className="text-sm font-medium text-slate-900">Duplicate</legend>
              <div className="mt-1 max-h-48 space-y-1 overflow-y-auto">
                {others.map((c) => (
                  <label key={c.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name="merge-duplicate"
                      checked={otherId === c.id}
                      onChange={() => setOtherId(c.id)}
                    />
                    <span className="font-medium">{displayName(c)}</span>
                    <span className="text-slate-500">
                      {[c.email, c.phone].filter(Boolean).join(" · ")}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          {otherId ? (
            <fieldset>
              <legend className="text-sm font-medium text-slate-900">Which one survives?</legend>
              <div className="mt-1 flex flex-wrap gap-4 text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="merge-keep"
                    checked={keepThis}
                    onChange={() => setKeepThis(true)}
                  />
                  This contact ({displayName(contact)})
                </label>
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="merge-keep"
                    checked={!keepThis}
                    onChange={() => setKeepThis(false)}
                  />
                  The duplicate
                </label>
              </div>
            </fieldset>
          ) : null}
          {preview.isFetching && !preview.data ? <Skeleton className="h-24" /> : null}
          {preview.isError ? <Alert>{preview.error.message}</Alert> : null}
          {pair && preview.data ? <MergePreviewView preview={preview.data} /> : null}
          {merge.isError ? <Alert>{merge.error.message}</Alert> : null}
          <div className="flex justify-end gap-3">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              disabled={!pair || !preview.data || merge.isPending}
              pending={merge.isPending}
              onClick={() => pair && merge.mutate(pair)}
            >
              Merge and delete the duplicate
            </Button>
          </div>
        </div>
      </Modal>
    </>
  );
};
