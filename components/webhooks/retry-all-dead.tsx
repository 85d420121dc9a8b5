"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/dialog";
import { useInvalidateWebhooks } from "./event-actions";

/** Requeues every dead event in scope (1,000 per click), after a confirmation. */
export const RetryAllDead = ({
  locationId,
  scopeLabel,
}: {
  locationId?: string;
  scopeLabel: string;
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateWebhooks();
  const [confirming, setConfirming] = useState(false);
  const retryAll = useMutation(
    trpc.webhooks.retryAllDead.mutationOptions({
      onSuccess: () => setConfirming(false),
      onSettled: invalidate,
    }),
  );
  return (
    <>
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Retry all dead
      </Button>
      <span role="status" className="text-sm text-slate-600">
        {retryAll.isSuccess
          ? `${retryAll.data.count} dead event${retryAll.data.count === 1 ? "" : "s"} queued again` +
            (retryAll.data.capped ? " (the first 1,000; click again for more)." : ".")
          : ""}
      </span>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Retry all dead webhooks?"
        description={`Every dead event in ${scopeLabel} goes back in the queue with a fresh set of attempts.`}
      >
        {retryAll.isError ? <Alert>{retryAll.error.message}</Alert> : null}
        <div className="mt-4 flex justify-end gap-3">
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            pending={retryAll.isPending}
            onClick={() => retryAll.mutate(locationId ? { locationId } : {})}
          >
            Retry them
          </Button>
        </div>
      </Modal>
    </>
  );
};
