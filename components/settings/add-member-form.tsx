"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { type AgencyRole, isAgencyRole } from "~/server/tenancy";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input, Label, Select } from "../ui/field";
import { useInvalidateMembers } from "./use-invalidate-members";

export const AddMemberForm = ({ actorRole }: { actorRole: AgencyRole }) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateMembers();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<AgencyRole>("member");
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: async () => {
        setAdded(email);
        setEmail("");
        setName("");
        await invalidate();
      },
    }),
  );
  const roles: AgencyRole[] = actorRole === "owner" ? ["member", "admin", "owner"] : ["member"];

  return (
    <form
      aria-label="Add a member"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        setAdded(null);
        add.mutate({ email, name: name.trim() || undefined, role });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end">
        <div className="space-y-1">
          <Label htmlFor="member-email">Email</Label>
          <Input
            id="member-email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="teammate@agency.com"
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="member-name">Name (optional)</Label>
          <Input
            id="member-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="member-role">Role</Label>
          <Select
            id="member-role"
            value={role}
            onChange={(e) => {
              if (isAgencyRole(e.target.value)) setRole(e.target.value);
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" pending={add.isPending}>
          Add member
        </Button>
      </div>
      {add.isError ? <Alert>{add.error.message}</Alert> : null}
      {added ? (
        <Alert tone="success">{added} was added. They can sign in with that email.</Alert>
      ) : null}
    </form>
  );
};
