"use client";

import Link from "next/link";

import type { TContactRow, TContactSort } from "~/server/domains/contacts/contacts.schemas";

import { Badge } from "../ui/badge";
import { displayName, formatDate } from "./format";

export type SortState = { sort: TContactSort; direction: "asc" | "desc" };

type Column = { label: string; sort?: Exclude<TContactSort, "relevance"> };

const COLUMNS: Column[] = [
  { label: "Name", sort: "name" },
  { label: "Email", sort: "email" },
  { label: "Phone" },
  { label: "Tags" },
  { label: "Updated", sort: "dateUpdated" },
  { label: "Added", sort: "dateAdded" },
];

const ariaSort = (key: Column["sort"], state: SortState) =>
  key && state.sort === key ? (state.direction === "asc" ? "ascending" : "descending") : undefined;

/**
 * Sortable headers are buttons (Enter/Space toggles; `aria-sort` tells screen readers the order);
 * each row has a labelled checkbox and a link to the contact.
 */
export const ContactsTable = ({
  rows,
  locationId,
  sort,
  onSort,
  selected,
  onToggle,
  onToggleAll,
  showLocation,
}: {
  rows: (TContactRow & { locationName?: string })[];
  locationId?: string;
  sort?: SortState;
  onSort?: (column: Exclude<TContactSort, "relevance">) => void;
  selected?: Set<string>;
  onToggle?: (id: string) => void;
  onToggleAll?: (select: boolean) => void;
  showLocation?: boolean;
}) => {
  const selectable = Boolean(selected && onToggle && onToggleAll);
  const allSelected = rows.length > 0 && rows.every((r) => selected?.has(r.id));
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Contacts</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
          <tr>
            {selectable ? (
              <th scope="col" className="w-10 px-4 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all contacts on this page"
                  checked={allSelected}
                  onChange={(e) => onToggleAll?.(e.target.checked)}
                  className="size-4 rounded border-slate-300"
                />
              </th>
            ) : null}
            {COLUMNS.map(({ label, sort: key }) => (
              <th
                key={label}
                scope="col"
                className="px-4 py-2 whitespace-nowrap"
                aria-sort={sort ? ariaSort(key, sort) : undefined}
              >
                {key && sort && onSort ? (
                  <button
                    type="button"
                    onClick={() => onSort(key)}
                    className="inline-flex items-center gap-1 rounded font-medium hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {label}
                    <span aria-hidden className="text-slate-400">
                      {sort.sort === key ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                    <span className="sr-only">, sort</span>
                  </button>
                ) : (
                  label
                )}
              </th>
            ))}
            {showLocation ? (
              <th scope="col" className="px-4 py-2">
                Location
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const name = displayName(row);
            const href = `/locations/${locationId ?? row.locationId}/contacts/${row.id}`;
            return (
              <tr key={row.id} data-contact-id={row.id} className="hover:bg-slate-50">
                {selectable ? (
                  <td className="px-4 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${name}`}
                      checked={selected?.has(row.id) ?? false}
                      onChange={() => onToggle?.(row.id)}
                      className="size-4 rounded border-slate-300"
                    />
                  </td>
                ) : null}
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  <Link
                    href={href}
                    className="rounded text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {name}
                  </Link>
                  {row.companyName ? (
                    <div className="text-xs font-normal text-slate-500">{row.companyName}</div>
                  ) : null}
                </th>
                <td className="px-4 py-2 text-slate-700">{row.email ?? "—"}</td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-700">{row.phone ?? "—"}</td>
                <td className="px-4 py-2">
                  <div className="flex max-w-xs flex-wrap gap-1">
                    {row.tags.slice(0, 4).map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                    {row.tags.length > 4 ? (
                      <span className="text-xs text-slate-500">+{row.tags.length - 4}</span>
                    ) : null}
                  </div>
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-700">
                  {formatDate(row.dateUpdated)}
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-700">
                  {formatDate(row.dateAdded)}
                </td>
                {showLocation ? (
                  <td className="px-4 py-2 text-slate-700">{row.locationName ?? "—"}</td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
