"use client";

import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { Skeleton } from "../ui/skeleton";
import { formatDateTime } from "./format";

const KINDS: Record<string, { label: string; tone: BadgeTone }> = {
  webhook: { label: "GoHighLevel", tone: "indigo" },
  audit: { label: "GHL Hub", tone: "green" },
  note: { label: "Note", tone: "gray" },
  task: { label: "Task", tone: "yellow" },
};

/** Webhook events, GHL Hub's audited edits, notes and tasks, newest first. */
export const ContactTimeline = ({
  locationId,
  contactId,
}: {
  locationId: string;
  contactId: string;
}) => {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.contacts.timeline.queryOptions({ locationId, contactId }));
  return (
    <Card>
      <CardHeader title="Activity" description="What happened to this contact, newest first." />
      <div className="px-5 py-4">
        {timeline.isPending ? (
          <div aria-busy="true" aria-label="Loading activity" className="space-y-2">
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
          </div>
        ) : null}
        {timeline.isError ? (
          <Alert>Could not load the activity: {timeline.error.message}</Alert>
        ) : null}
        {timeline.data?.warning ? <Alert tone="info">{timeline.data.warning}</Alert> : null}
        {timeline.isSuccess && timeline.data.items.length === 0 ? (
          <p className="text-sm text-slate-600">No activity recorded yet.</p>
        ) : null}
        {timeline.isSuccess && timeline.data.items.length > 0 ? (
          <ol className="space-y-3" aria-label="Activity">
            {timeline.data.items.map((item) => {
              const kind = KINDS[item.kind] ?? { label: item.kind, tone: "gray" as const };
              return (
                <li key={item.id} className="flex gap-3">
                  <div className="w-28 shrink-0">
                    <Badge tone={kind.tone}>{kind.label}</Badge>
                  </div>
                  <div className="min-w-0">
                    <p className="text-sm font-medium text-slate-900">{item.title}</p>
                    {item.detail ? (
                      <p className="truncate text-sm text-slate-600" title={item.detail}>
                        {item.detail}
                      </p>
                    ) : null}
                    <p className="text-xs text-slate-500">
                      <time dateTime={item.at.toISOString()}>{formatDateTime(item.at)}</time>
                      {item.actor ? ` · ${item.actor}` : ""}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        ) : null}
      </div>
    </Card>
  );
};
