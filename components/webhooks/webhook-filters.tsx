"use client";

import { Input } from "../ui/field";
import { LabelledSelect } from "../ui/labelled-select";
import { WEBHOOK_STATUS_LABELS } from "./webhook-status-badge";

export const WEBHOOK_STATUSES = Object.keys(WEBHOOK_STATUS_LABELS);
export const WINDOWS = [
  { hours: 24, label: "Last 24 hours" },
  { hours: 168, label: "Last 7 days" },
  { hours: 720, label: "Last 30 days" },
] as const;

export type Filters = { status: string; type: string; locationId: string; windowHours: number };

/** Native controls, each named (a wrapping label alone would also read out the chosen option): status, type (either name), location, and the figures' window. */
export const WebhookFilters = ({
  value,
  onChange,
  locations,
}: {
  value: Filters;
  onChange: (next: Filters) => void;
  locations: { id: string; name: string }[] | null;
}) => (
  <div className="flex flex-wrap items-end gap-3">
    <LabelledSelect
      label="Status"
      className="w-44"
      value={value.status}
      onChange={(e) => onChange({ ...value, status: e.target.value })}
    >
      <option value="">All statuses</option>
      {WEBHOOK_STATUSES.map((s) => (
        <option key={s} value={s}>
          {WEBHOOK_STATUS_LABELS[s]?.label ?? s}
        </option>
      ))}
    </LabelledSelect>
    <label className="text-xs font-medium text-slate-600">
      Type
      <Input
        aria-label="Type"
        className="mt-1 w-56"
        type="search"
        placeholder="ContactUpdate or contact.updated"
        value={value.type}
        onChange={(e) => onChange({ ...value, type: e.target.value })}
      />
    </label>
    {locations ? (
      <LabelledSelect
        label="Location"
        className="w-56"
        value={value.locationId}
        onChange={(e) => onChange({ ...value, locationId: e.target.value })}
      >
        <option value="">All locations</option>
        {locations.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </LabelledSelect>
    ) : null}
    <LabelledSelect
      label="Figures for"
      className="w-40"
      value={value.windowHours}
      onChange={(e) => onChange({ ...value, windowHours: Number(e.target.value) })}
    >
      {WINDOWS.map((w) => (
        <option key={w.hours} value={w.hours}>
          {w.label}
        </option>
      ))}
    </LabelledSelect>
  </div>
);
