"use client";

import { useState } from "react";

import { EmptyState } from "../ui/empty-state";
import { Label, Select } from "../ui/field";
import { syncedLabel } from "./format";
import type { LocationColumn } from "./use-custom-fields";

/** One location's contact custom fields as GoHighLevel defines them. */
export const LocationFields = ({ locations }: { locations: LocationColumn[] }) => {
  const [selected, setSelected] = useState(locations[0]?.locationId ?? "");
  const location = locations.find((l) => l.locationId === selected) ?? locations[0];
  if (!location) return <EmptyState title="No locations yet" />;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72 space-y-1">
          <Label htmlFor="fields-location">Location</Label>
          <Select
            id="fields-location"
            value={location.locationId}
            onChange={(e) => setSelected(e.target.value)}
          >
            {locations.map((l) => (
              <option key={l.locationId} value={l.locationId}>
                {l.locationName}
              </option>
            ))}
          </Select>
        </div>
        <p className="pb-1.5 text-xs text-slate-500" suppressHydrationWarning>
          {syncedLabel(location.lastSyncedAt)}
        </p>
      </div>
      {location.fields.length === 0 ? (
        <EmptyState title={`No contact custom fields at ${location.locationName}`}>
          {location.lastSyncedAt
            ? "GoHighLevel has none for this location."
            : "Its fields have not been read from GoHighLevel yet."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Custom fields of {location.locationName}</caption>
            <thead className="text-left text-xs font-medium text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Field key
                </th>
                <th scope="col" className="py-2 pr-4">
                  Type
                </th>
                <th scope="col" className="py-2 pr-4">
                  Options
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {location.fields.map((field) => (
                <tr key={field.ghlId}>
                  <th scope="row" className="py-2 pr-4 text-left font-medium">
                    {field.name}
                  </th>
                  <td className="py-2 pr-4 font-mono text-xs text-slate-600">
                    {field.fieldKey ?? "—"}
                  </td>
                  <td className="py-2 pr-4 text-slate-700">{field.typeLabel}</td>
                  <td className="py-2 pr-4 text-slate-700">
                    {field.options.length > 0 ? field.options.join(", ") : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
};
