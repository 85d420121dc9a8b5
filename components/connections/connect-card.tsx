"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";

type Scope = { scope: string; label: string };

/** Lists what GHL Hub will ask GoHighLevel for, then sends the admin to GHL's consent page. */
export const ConnectCard = ({
  required,
  optional,
  connected,
}: {
  required: Scope[];
  optional: Scope[];
  connected: boolean;
}) => {
  const trpc = useTRPC();
  const [chosen, setChosen] = useState<string[]>([]);
  const start = useMutation(
    trpc.connections.start.mutationOptions({
      onSuccess: ({ url }) => {
        window.location.assign(url);
      },
    }),
  );
  return (
    <Card>
      <CardHeader
        title={connected ? "Reconnect GoHighLevel" : "Connect GoHighLevel"}
        description="You will pick the sub-accounts to connect on GoHighLevel's consent page, then come back here."
      />
      <div className="grid gap-6 p-5 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold">Always requested</h3>
          <ul className="mt-2 space-y-1 text-sm text-slate-700">
            {required.map((s) => (
              <li key={s.scope}>
                {s.label} <code className="text-xs text-slate-500">{s.scope}</code>
              </li>
            ))}
          </ul>
        </div>
        <fieldset>
          <legend className="text-sm font-semibold">Optional</legend>
          <div className="mt-2 space-y-1 text-sm">
            {optional.map((s) => (
              <label key={s.scope} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(s.scope)}
                  onChange={(e) =>
                    setChosen((c) =>
                      e.target.checked ? [...c, s.scope] : c.filter((x) => x !== s.scope),
                    )
                  }
                />
                {s.label} <code className="text-xs text-slate-500">{s.scope}</code>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-5 py-4">
        <Button
          pending={start.isPending}
          onClick={() =>
            start.mutate({ optionalScopes: chosen, returnTo: "/settings/connections" })
          }
        >
          {connected ? "Reconnect GoHighLevel" : "Connect GoHighLevel"}
        </Button>
        {start.isError ? <Alert>{start.error.message}</Alert> : null}
      </div>
    </Card>
  );
};
