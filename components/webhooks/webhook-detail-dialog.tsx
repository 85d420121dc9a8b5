"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Modal } from "../ui/dialog";
import { Skeleton } from "../ui/skeleton";
import { EventActions } from "./event-actions";
import { formatLatency, formatTime } from "./format";
import { WebhookStatusBadge } from "./webhook-status-badge";

const UNFINISHED = new Set(["received", "processing", "failed"]);

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <dt className="text-xs font-medium text-slate-500">{label}</dt>
    <dd className="mt-0.5 text-sm break-all text-slate-900">{children}</dd>
  </div>
);

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <section className="mt-5">
    <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
    <div className="mt-2">{children}</div>
  </section>
);

const EventDetail = ({ eventId }: { eventId: string }) => {
  const trpc = useTRPC();
  const event = useQuery(
    trpc.webhooks.get.queryOptions(
      { eventId },
      // Follows a retry or replay until the event settles.
      {
        refetchInterval: (query) =>
          UNFINISHED.has(query.state.data?.status ?? "") ? 1_500 : false,
      },
    ),
  );
  if (event.isPending) return <Skeleton className="h-72" />;
  if (event.isError) return <Alert>Could not load this event: {event.error.message}</Alert>;
  const e = event.data;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <WebhookStatusBadge status={e.status} />
          <span className="text-sm text-slate-600">
            {e.attempts} attempt{e.attempts === 1 ? "" : "s"} · replays {e.replays} · runs{" "}
            {e.processedCount}
          </span>
        </div>
        <EventActions event={e} size="md" />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3">
        <Fact label="GoHighLevel type">{e.ghlType}</Fact>
        <Fact label="Published as">{e.eventType ?? "— (unknown type)"}</Fact>
        <Fact label="Location">{e.locationName ?? "Agency-level"}</Fact>
        <Fact label="GHL location id">{e.ghlLocationId ?? "—"}</Fact>
        <Fact label="Object id">{e.ghlObjectId ?? "—"}</Fact>
        <Fact label="Signature">{e.signatureScheme}</Fact>
        <Fact label="Happened (per GHL)">{formatTime(e.eventAt)}</Fact>
        <Fact label="Received">{formatTime(e.receivedAt)}</Fact>
        <Fact label="Processed">
          {formatTime(e.processedAt)}
          {e.latencyMs !== null ? ` (${formatLatency(e.latencyMs)})` : ""}
        </Fact>
        <Fact label="Duplicate deliveries">{e.duplicates}</Fact>
      </dl>
      {e.lastError ? (
        <Section title="Last error">
          <pre className="overflow-x-auto rounded-md bg-red-50 p-3 text-xs whitespace-pre-wrap text-red-800">
            {e.lastError}
          </pre>
        </Section>
      ) : null}
      {e.ignoredReason ? (
        <Section title="Ignored because">
          <p className="text-sm text-slate-700">{e.ignoredReason}</p>
        </Section>
      ) : null}
      <Section title={e.payloadIsJson ? "Payload (JSON)" : "Payload (as received; not JSON)"}>
        <pre
          tabIndex={0}
          aria-label="Payload"
          className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {e.payload}
        </pre>
      </Section>
      <Section title="Headers">
        <table className="min-w-full text-xs">
          <tbody className="divide-y divide-slate-100">
            {Object.entries(e.headers).map(([name, value]) => (
              <tr key={name}>
                <th
                  scope="row"
                  className="py-1 pr-4 text-left font-mono font-medium text-slate-700"
                >
                  {name}
                </th>
                <td className="py-1 font-mono break-all text-slate-600">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
};

export const WebhookDetailDialog = ({
  eventId,
  onClose,
}: {
  eventId: string | null;
  onClose: () => void;
}) => (
  <Modal open={eventId !== null} onClose={onClose} title="Webhook event" size="xl">
    {eventId ? <EventDetail eventId={eventId} /> : null}
  </Modal>
);
