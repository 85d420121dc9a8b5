"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { Modal } from "../ui/dialog";
import { Label, Select } from "../ui/field";

/** Mirrors server/imports/export/export-contacts.ts EXPORT_FIELDS (labels only). */
const STANDARD_FIELDS = [
  ["firstName", "First name"],
  ["lastName", "Last name"],
  ["name", "Full name"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["companyName", "Company"],
  ["tags", "Tags"],
  ["address1", "Street address"],
  ["city", "City"],
  ["state", "State"],
  ["postalCode", "Postal code"],
  ["country", "Country"],
  ["website", "Website"],
  ["timezone", "Time zone"],
  ["source", "Source"],
  ["type", "Type"],
  ["assignedTo", "Assigned to"],
  ["dnd", "Do not disturb"],
  ["dateOfBirth", "Date of birth"],
  ["dateAdded", "Added"],
  ["dateUpdated", "Updated"],
  ["ghlId", "Contact id"],
] as const;
const DEFAULT_FIELDS = ["firstName", "lastName", "email", "phone", "companyName", "tags"];

export const exportUrl = (locationId: string, fields: string[]) =>
  `/api/exports/contacts?${new URLSearchParams({ locationId, fields: fields.join(",") }).toString()}`;

/**
 * Exports one location's contacts as CSV: choose the location (unless fixed) and the columns.
 * The file streams from the mirror; formula-looking cells are neutralised on the server.
 */
export const ExportDialog = ({
  location,
  buttonLabel = "Export CSV",
}: {
  /** A fixed location; without it the dialog offers the caller's locations. */
  location?: { id: string; name: string };
  buttonLabel?: string;
}) => {
  const trpc = useTRPC();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState(location?.id ?? "");
  const [fields, setFields] = useState<string[]>(DEFAULT_FIELDS);
  const locations = useQuery({ ...trpc.locations.list.queryOptions(), enabled: open && !location });
  const locationId = location?.id ?? chosen;
  const custom = useQuery({
    ...trpc.customFields.list.queryOptions({ locationId }),
    enabled: open && Boolean(locationId),
  });
  const toggle = (field: string) =>
    setFields((current) =>
      current.includes(field) ? current.filter((f) => f !== field) : [...current, field],
    );
  const customChoices = (custom.data?.fields ?? []).map(
    (f) => [`customField:${f.ghlId}`, f.name] as const,
  );

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {buttonLabel}
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title="Export contacts"
        description="A CSV file of the contacts GHL Hub holds for the location, with the columns you choose."
        size="xl"
      >
        <div className="space-y-5">
          {location ? (
            <p className="text-sm text-slate-700">
              Location: <span className="font-medium">{location.name}</span>
            </p>
          ) : (
            <div className="max-w-sm space-y-1">
              <Label htmlFor={`${id}-location`}>Location</Label>
              <Select
                id={`${id}-location`}
                value={chosen}
                onChange={(event) => setChosen(event.target.value)}
              >
                <option value="">Choose a location…</option>
                {(locations.data ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Columns</legend>
            <div className="mt-2 flex gap-3 text-xs">
              <button
                type="button"
                className="text-indigo-700 hover:underline"
                onClick={() =>
                  setFields([...STANDARD_FIELDS.map(([f]) => f), ...customChoices.map(([f]) => f)])
                }
              >
                Select all
              </button>
              <button
                type="button"
                className="text-indigo-700 hover:underline"
                onClick={() => setFields([])}
              >
                Clear
              </button>
            </div>
            <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-3">
              {[...STANDARD_FIELDS, ...customChoices].map(([field, label]) => (
                <label key={field} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-300 text-indigo-600"
                    checked={fields.includes(field)}
                    onChange={() => toggle(field)}
                  />
                  {label}
                </label>
              ))}
            </div>
            {custom.isLoading ? (
              <p className="mt-2 text-xs text-slate-500">Loading custom fields…</p>
            ) : null}
          </fieldset>
          {fields.length === 0 ? <Alert tone="info">Choose at least one column.</Alert> : null}
          <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Close
            </Button>
            {locationId && fields.length > 0 ? (
              <a
                className={buttonClasses("primary")}
                href={exportUrl(locationId, fields)}
                download
                onClick={() => setOpen(false)}
              >
                Download CSV
              </a>
            ) : (
              <Button disabled>Download CSV</Button>
            )}
          </div>
        </div>
      </Modal>
    </>
  );
};
