"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import type { TContactSort } from "~/server/domains/contacts/contacts.schemas";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { BulkTagDialog } from "./bulk-tag-dialog";
import { type ContactFilterState, ContactFilters, NO_FILTERS } from "./contact-filters";
import { ContactsTable, type SortState } from "./contacts-table";
import { CreateContactDialog } from "./create-contact-dialog";
import { Pager } from "./pager";
import { useDebounced } from "./use-debounced";

const presence = (v: "" | "yes" | "no") => (v === "" ? undefined : v === "yes");

const isFiltered = (f: ContactFilterState) =>
  Boolean(f.search.trim() || f.tags.length || f.hasEmail || f.hasPhone || f.fieldId);

/**
 * One location's contacts from the mirror: search as you type (debounced), filters, sortable
 * columns, server-side pages, selection with bulk tagging, and a create dialog.
 */
export const ContactsBrowser = ({ locationId }: { locationId: string }) => {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ContactFilterState>(NO_FILTERS);
  // null: newest first, or best match while searching.
  const [chosenSort, setChosenSort] = useState<SortState | null>(null);
  const [pageSize, setPageSize] = useState(25);

  const search = useDebounced(filters.search.trim(), 250);
  const fieldValue = useDebounced(filters.fieldValue.trim(), 250);
  const sort: SortState = chosenSort ?? {
    sort: search ? "relevance" : "dateUpdated",
    direction: "desc",
  };

  const options = useQuery(trpc.contacts.filterOptions.queryOptions({ locationId }));
  const query = {
    locationId,
    search: search || undefined,
    sort: sort.sort,
    direction: sort.direction,
    pageSize,
    filters: {
      tags: filters.tags.length > 0 ? filters.tags : undefined,
      tagMode: filters.tagMode,
      hasEmail: presence(filters.hasEmail),
      hasPhone: presence(filters.hasPhone),
      customField:
        filters.fieldId && fieldValue ? { id: filters.fieldId, value: fieldValue } : undefined,
    },
  };
  // Page and selection belong to one query: a new search or filter starts afresh.
  const queryKey = JSON.stringify(query);
  const [paging, setPaging] = useState({ key: queryKey, page: 1 });
  const [selection, setSelection] = useState({ key: queryKey, ids: new Set<string>() });
  const page = paging.key === queryKey ? paging.page : 1;
  const selected = selection.key === queryKey ? selection.ids : new Set<string>();
  const setPage = (next: number) => setPaging({ key: queryKey, page: next });
  const setSelected = (ids: Set<string>) => setSelection({ key: queryKey, ids });

  const list = useQuery(
    trpc.contacts.list.queryOptions({ ...query, page }, { placeholderData: keepPreviousData }),
  );

  const onSort = (column: Exclude<TContactSort, "relevance">) =>
    setChosenSort(
      sort.sort === column
        ? { sort: column, direction: sort.direction === "asc" ? "desc" : "asc" }
        : { sort: column, direction: column === "name" || column === "email" ? "asc" : "desc" },
    );
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const toggleAll = (select: boolean) =>
    setSelected(select ? new Set(list.data?.items.map((r) => r.id)) : new Set());

  const items = list.data?.items ?? [];
  const filtered = isFiltered(filters);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <CreateContactDialog locationId={locationId} />
      </div>
      <ContactFilters value={filters} onChange={setFilters} options={options.data} />
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-600">
          {selected.size > 0 ? `${selected.size} selected` : "Select contacts to tag them in bulk"}
        </span>
        <BulkTagDialog
          locationId={locationId}
          contactIds={[...selected]}
          suggestions={options.data?.tags.map((t) => t.tag) ?? []}
          onDone={() => setSelected(new Set())}
        />
        {filtered ? (
          <Button size="sm" variant="ghost" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        ) : null}
        {list.isFetching && !list.isPending ? (
          <span className="text-xs text-slate-500" role="status">
            Updating…
          </span>
        ) : null}
      </div>

      {list.isPending ? (
        <div aria-busy="true" aria-label="Loading contacts" className="space-y-2">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-10" />
          ))}
        </div>
      ) : null}
      {list.isError ? <Alert>Could not load the contacts: {list.error.message}</Alert> : null}
      {list.isSuccess && items.length === 0 ? (
        filtered ? (
          <EmptyState title="No contacts match">
            Check the spelling, or clear the filters to see everyone.
          </EmptyState>
        ) : (
          <EmptyState title="No contacts in this location yet">
            Contacts appear here as GoHighLevel sends them, or create one with “New contact”.
          </EmptyState>
        )
      ) : null}
      {items.length > 0 ? (
        <>
          <ContactsTable
            rows={items}
            locationId={locationId}
            sort={sort}
            onSort={onSort}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
          />
          {list.data ? (
            <Pager
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              totalCapped={list.data.totalCapped}
              shown={items.length}
              onPage={setPage}
              onPageSize={setPageSize}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
};
