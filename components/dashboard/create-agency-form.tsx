"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input, Label } from "../ui/field";

export const CreateAgencyForm = () => {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.agency.create.mutationOptions({ onSuccess: () => router.replace("/") }),
  );
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name });
      }}
    >
      <div className="space-y-1">
        <Label htmlFor="agency-name">Agency name</Label>
        <Input
          id="agency-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          minLength={2}
          maxLength={80}
        />
      </div>
      {create.isError ? <Alert>{create.error.message}</Alert> : null}
      <Button type="submit" pending={create.isPending}>
        Create agency
      </Button>
    </form>
  );
};
