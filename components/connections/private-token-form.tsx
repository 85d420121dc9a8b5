"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Input, Label, Select } from "../ui/field";

/** Alternative to OAuth: a Private Integration Token, checked live before it is saved (US-003). */
export const PrivateTokenForm = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const [kind, setKind] = useState<"location" | "agency">("location");
  const [ghlId, setGhlId] = useState("");
  const save = useMutation(
    trpc.connections.addPrivateToken.mutationOptions({
      onSuccess: async () => {
        setToken("");
        await queryClient.invalidateQueries({ queryKey: trpc.connections.overview.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.locations.list.queryKey() });
      },
    }),
  );
  return (
    <Card>
      <CardHeader
        title="Use a Private Integration Token instead"
        description="Created in GoHighLevel under Settings → Private Integrations. It never expires; rotate it there."
      />
      <form
        className="grid gap-3 p-5 sm:grid-cols-[1fr_10rem_14rem_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ token, kind, ghlId });
        }}
      >
        <div className="space-y-1">
          <Label htmlFor="pit-token">Token</Label>
          <Input
            id="pit-token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder="pit-…"
            required
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="pit-kind">Token of</Label>
          <Select
            id="pit-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value === "agency" ? "agency" : "location")}
          >
            <option value="location">A sub-account</option>
            <option value="agency">The agency</option>
          </Select>
        </div>
        <div className="space-y-1">
          <Label htmlFor="pit-id">{kind === "location" ? "Location id" : "Company id"}</Label>
          <Input
            id="pit-id"
            value={ghlId}
            onChange={(e) => setGhlId(e.target.value.trim())}
            required
          />
        </div>
        <Button type="submit" pending={save.isPending}>
          Check and save
        </Button>
      </form>
      <div className="px-5 pb-5">
        {save.isError ? <Alert>{save.error.message}</Alert> : null}
        {save.isSuccess ? (
          <Alert tone="success">
            Saved: {save.data.name} ({save.data.locations} location
            {save.data.locations === 1 ? "" : "s"}).
          </Alert>
        ) : null}
      </div>
    </Card>
  );
};
