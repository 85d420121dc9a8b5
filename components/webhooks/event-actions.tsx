"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "../providers/trpc-provider";
import { Button } from "../ui/button";

const RETRYABLE = new Set(["failed", "dead"]);
const REPLAYABLE = new Set(["processed", "ignored", "dead"]);

/** Refetches every webhook view (log, stats, open event) after a change. */
export const useInvalidateWebhooks = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
};

/** Retry (failed or dead) and Replay (finished) for one event; shown only to those allowed. */
export const EventActions = ({
  event,
  size = "sm",
}: {
  event: { id: string; status: string; canManage: boolean; ghlType: string };
  size?: "sm" | "md";
}) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateWebhooks();
  const retry = useMutation(trpc.webhooks.retry.mutationOptions({ onSettled: invalidate }));
  const replay = useMutation(trpc.webhooks.replay.mutationOptions({ onSettled: invalidate }));
  if (!event.canManage) return null;
  const error = retry.error ?? replay.error;
  const busy = retry.isPending || replay.isPending;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {RETRYABLE.has(event.status) ? (
        <Button
          size={size}
          variant="secondary"
          pending={retry.isPending}
          disabled={busy}
          aria-label={size === "sm" ? `Retry ${event.ghlType}` : undefined}
          onClick={() => retry.mutate({ eventId: event.id })}
        >
          Retry
        </Button>
      ) : null}
      {REPLAYABLE.has(event.status) ? (
        <Button
          size={size}
          variant="secondary"
          pending={replay.isPending}
          disabled={busy}
          aria-label={size === "sm" ? `Replay ${event.ghlType}` : undefined}
          onClick={() => replay.mutate({ eventId: event.id })}
        >
          Replay
        </Button>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      ) : null}
    </div>
  );
};
