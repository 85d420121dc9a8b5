"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input, Label } from "../ui/field";

export const AgencyNameForm = ({ name }: { name: string }) => {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(name);
  const rename = useMutation(
    trpc.agency.rename.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ name: value });
      }}
    >
      <div className="w-full max-w-sm space-y-1">
        <Label htmlFor="agency-name">Agency name</Label>
        <Input
          id="agency-name"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
          minLength={2}
          maxLength={80}
        />
      </div>
      <Button
        type="submit"
        pending={rename.isPending}
        disabled={value.trim() === name || rename.isPending}
      >
        Save
      </Button>
      {rename.isError ? <Alert>{rename.error.message}</Alert> : null}
    </form>
  );
};
