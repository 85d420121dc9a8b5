"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";

import type { TPlanResult } from "~/server/domains/imports/imports.schemas";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input, Label, Select } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import { formatBytes, formatNumber } from "./format";
import type { Uploaded } from "./upload-step";

type Delimiter = "," | ";" | "\t";
const DELIMITERS: { value: Delimiter | ""; label: string }[] = [
  { value: "", label: "Detect" },
  { value: ",", label: "Comma" },
  { value: ";", label: "Semicolon" },
  { value: "\t", label: "Tab" },
];
const COLUMN_LOCATION = "column";

/** Step 2: where each column goes (suggested from the names), with the file's first rows. */
export const MappingStep = ({
  upload,
  location,
  onPlanned,
  onBack,
}: {
  upload: Uploaded;
  /** The page's location; without it, the person picks one or a location column. */
  location?: { id: string; name: string };
  onPlanned: (plan: TPlanResult) => void;
  onBack: () => void;
}) => {
  const trpc = useTRPC();
  const id = useId();
  const [delimiter, setDelimiter] = useState<Delimiter | "">("");
  const [target, setTarget] = useState(location?.id ?? "");
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<"update" | "skip">("update");
  const [tags, setTags] = useState("");
  const locations = useQuery({ ...trpc.locations.list.queryOptions(), enabled: !location });
  const byColumn = target === COLUMN_LOCATION;
  const inspection = useQuery(
    trpc.imports.inspect.queryOptions(
      {
        uploadId: upload.uploadId,
        delimiter: delimiter || undefined,
        locationId: target && !byColumn ? target : undefined,
      },
      { enabled: Boolean(target), retry: false, staleTime: Infinity },
    ),
  );
  const plan = useMutation(trpc.imports.plan.mutationOptions({ onSuccess: onPlanned }));
  const data = inspection.data;
  const effective = mapping ?? data?.suggested ?? {};
  const mapped = Object.values(effective);
  const missingLocation = byColumn && !mapped.includes("location");
  const noIdentity = !["firstName", "lastName", "name", "email", "phone", "companyName"].some((t) =>
    mapped.includes(t),
  );

  const setColumn = (column: number, value: string) => {
    const next = { ...effective };
    if (value) {
      // A field takes one column: choosing it here frees it elsewhere.
      if (!value.startsWith("customField:") && !value.startsWith("canonical:"))
        for (const [key, t] of Object.entries(next)) if (t === value) delete next[key];
      next[String(column)] = value;
    } else delete next[String(column)];
    setMapping(next);
  };

  const submit = () =>
    plan.mutate({
      uploadId: upload.uploadId,
      mapping: effective,
      options: {
        delimiter: delimiter || data?.delimiter,
        location: byColumn ? { mode: "column" } : { mode: "fixed", locationId: target },
        onDuplicate,
        tags: tags
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      },
    });

  const adminLocations = (locations.data ?? []).filter((l) => l.role === "admin");
  const groups = [...new Set((data?.choices ?? []).map((c) => c.group))];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <p className="text-sm text-slate-700">
          <span className="font-medium">{upload.fileName}</span> · {formatBytes(upload.bytes)}
          {data ? ` · ${formatNumber(data.rowCount)} rows` : ""}
        </p>
        {!location ? (
          <div className="w-72 space-y-1">
            <Label htmlFor={`${id}-location`}>Import into</Label>
            <Select
              id={`${id}-location`}
              value={target}
              onChange={(event) => {
                setTarget(event.target.value);
                setMapping(null);
              }}
            >
              <option value="">Choose a location…</option>
              {adminLocations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
              <option value={COLUMN_LOCATION}>
                Several: a column names each row&apos;s location
              </option>
            </Select>
          </div>
        ) : null}
        <div className="w-40 space-y-1">
          <Label htmlFor={`${id}-delimiter`}>Separator</Label>
          <Select
            id={`${id}-delimiter`}
            value={delimiter}
            onChange={(event) => {
              setDelimiter(event.target.value as Delimiter | "");
              setMapping(null);
            }}
          >
            {DELIMITERS.map((d) => (
              <option key={d.label} value={d.value}>
                {d.label}
              </option>
            ))}
          </Select>
        </div>
      </div>

      {!target ? <Alert tone="info">Choose where the contacts go to see the columns.</Alert> : null}
      {inspection.isLoading ? (
        <div className="space-y-2" aria-label="Reading the file">
          <Skeleton className="h-6 w-1/3" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : null}
      {inspection.error ? <Alert>{inspection.error.message}</Alert> : null}

      {data ? (
        <>
          {data.warnings.map((warning) => (
            <Alert key={warning} tone="info">
              {warning}
            </Alert>
          ))}
          {data.unreadableRows > 0 ? (
            <Alert tone="info">
              {formatNumber(data.unreadableRows)} rows cannot be read as they stand; the dry run
              lists them with their line numbers.
            </Alert>
          ) : null}
          <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                    Line
                  </th>
                  {data.columns.map((column, index) => (
                    <th key={column} scope="col" className="min-w-44 px-3 py-2 text-left align-top">
                      <div className="font-medium text-slate-900">{column}</div>
                      <Select
                        aria-label={`Field for column ${column}`}
                        className="mt-1"
                        value={effective[String(index)] ?? ""}
                        onChange={(event) => setColumn(index, event.target.value)}
                      >
                        <option value="">Don&apos;t import</option>
                        {byColumn ? (
                          <option value="location">Location (name or GHL id)</option>
                        ) : null}
                        {groups.map((group) => (
                          <optgroup key={group} label={group}>
                            {data.choices
                              .filter((c) => c.group === group)
                              .map((c) => (
                                <option key={c.target} value={c.target}>
                                  {c.label}
                                </option>
                              ))}
                          </optgroup>
                        ))}
                      </Select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {data.preview.map((row) => (
                  <tr key={row.line}>
                    <td className="px-3 py-2 text-slate-500 tabular-nums">{row.line}</td>
                    {data.columns.map((column, index) => (
                      <td
                        key={column}
                        className="max-w-56 truncate px-3 py-2 text-slate-700"
                        title={row.cells[index]}
                      >
                        {row.cells[index] ?? ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <div className="grid gap-4 sm:grid-cols-2">
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-900">
                When a contact already exists
              </legend>
              <p className="text-xs text-slate-600">
                Matched like GoHighLevel does: by email, then by phone.
              </p>
              {(
                [
                  ["update", "Update it (tags are added, not replaced)"],
                  ["skip", "Skip the row"],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="radio"
                    name={`${id}-duplicates`}
                    checked={onDuplicate === value}
                    onChange={() => setOnDuplicate(value)}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
            <div className="space-y-1">
              <Label htmlFor={`${id}-tags`}>Tag every imported contact (optional)</Label>
              <Input
                id={`${id}-tags`}
                placeholder="e.g. spring-fair-2026"
                value={tags}
                onChange={(event) => setTags(event.target.value)}
              />
            </div>
          </div>

          {missingLocation ? <Alert tone="info">Map one column to Location.</Alert> : null}
          {noIdentity ? (
            <Alert tone="info">
              Map a name, email, phone or company column: a contact needs one of them.
            </Alert>
          ) : null}
          {plan.error ? <Alert>{plan.error.message}</Alert> : null}
          <div className="flex justify-between gap-2">
            <Button variant="ghost" onClick={onBack}>
              Choose another file
            </Button>
            <Button
              pending={plan.isPending}
              disabled={missingLocation || noIdentity}
              onClick={submit}
            >
              {plan.isPending ? "Checking every row…" : "Check rows (dry run)"}
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
};
