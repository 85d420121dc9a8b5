"use client";

import type { TWebhookEvent } from "~/server/domains/webhooks/webhooks.schemas";

import { EventActions } from "./event-actions";
import { formatLatency, formatTime } from "./format";
import { WebhookStatusBadge } from "./webhook-status-badge";

const HEADINGS = ["Received", "Event", "Location", "Status", "Attempts", "Latency"];

export const WebhookTable = ({
  events,
  showLocation,
  onOpen,
}: {
  events: TWebhookEvent[];
  showLocation: boolean;
  onOpen: (eventId: string) => void;
}) => (
  <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="sr-only">Webhook events, newest first</caption>
      <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
        <tr>
          {HEADINGS.filter((h) => showLocation || h !== "Location").map((heading) => (
            <th key={heading} scope="col" className="px-4 py-2">
              {heading}
            </th>
          ))}
          <th scope="col" className="px-4 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((event) => (
          <tr key={event.id} data-event-id={event.id}>
            <td className="px-4 py-2 whitespace-nowrap text-slate-700">
              {formatTime(event.receivedAt)}
            </td>
            <th scope="row" className="px-4 py-2 text-left font-normal">
              <button
                type="button"
                onClick={() => onOpen(event.id)}
                className="rounded font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {event.ghlType}
                <span className="sr-only"> (view details)</span>
              </button>
              <div className="font-mono text-xs text-slate-500">
                {event.eventType ?? "unknown type"}
                {event.ghlObjectId ? ` · ${event.ghlObjectId}` : ""}
              </div>
            </th>
            {showLocation ? (
              <td className="px-4 py-2 text-slate-700">{event.locationName ?? "Agency-level"}</td>
            ) : null}
            <td className="px-4 py-2">
              <WebhookStatusBadge status={event.status} />
              {event.lastError || event.ignoredReason ? (
                <div
                  className="mt-1 max-w-xs truncate text-xs text-slate-500"
                  title={event.lastError ?? event.ignoredReason ?? undefined}
                >
                  {event.lastError ?? event.ignoredReason}
                </div>
              ) : null}
            </td>
            <td className="px-4 py-2 text-slate-700 tabular-nums">
              {event.attempts}
              {event.replays > 0 ? (
                <span className="text-slate-500"> · replays {event.replays}</span>
              ) : null}
              {event.duplicates > 0 ? (
                <span className="text-slate-500"> · {event.duplicates} dup.</span>
              ) : null}
            </td>
            <td className="px-4 py-2 text-slate-700 tabular-nums">
              {formatLatency(event.latencyMs)}
            </td>
            <td className="px-4 py-2">
              <EventActions event={event} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
