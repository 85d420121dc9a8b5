"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Select } from "../ui/field";

const LABELS = { realtime: "Real-time (webhooks)", hourly: "Hourly", daily: "Daily" } as const;
type Frequency = keyof typeof LABELS;

const isFrequency = (value: string): value is Frequency => value in LABELS;

export const SyncFrequencyForm = ({
  locationId,
  value,
  canEdit,
}: {
  locationId: string;
  value: Frequency;
  canEdit: boolean;
}) => {
  const trpc = useTRPC();
  const router = useRouter();
  const [selected, setSelected] = useState<Frequency>(value);
  const save = useMutation(
    trpc.locations.updateSettings.mutationOptions({ onSuccess: () => router.refresh() }),
  );

  if (!canEdit) return <span>{LABELS[value]}</span>;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ locationId, syncFrequency: selected });
      }}
    >
      <Select
        aria-label="Sync frequency"
        value={selected}
        onChange={(e) => {
          if (isFrequency(e.target.value)) setSelected(e.target.value);
        }}
        className="w-56"
      >
        {Object.entries(LABELS).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </Select>
      <Button
        type="submit"
        size="sm"
        pending={save.isPending}
        disabled={selected === value || save.isPending}
      >
        Save
      </Button>
      {save.isError ? <Alert>{save.error.message}</Alert> : null}
      {save.isSuccess && selected === value ? (
        <span className="text-xs text-emerald-700" role="status">
          Saved
        </span>
      ) : null}
    </form>
  );
};
