"use client";

import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { EmptyState } from "../ui/empty-state";
import { Input } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import { ContactsTable } from "./contacts-table";
import { Pager } from "./pager";
import { useDebounced } from "./use-debounced";

/** One search box over every location the caller may open, best matches first. */
export const AgencyContactSearch = () => {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 250);
  const [paging, setPaging] = useState({ search: "", page: 1 });
  const page = paging.search === search ? paging.page : 1;
  const results = useQuery(
    trpc.contacts.searchAll.queryOptions(search ? { search, page, pageSize: 25 } : skipToken, {
      placeholderData: keepPreviousData,
    }),
  );
  const items = search ? (results.data?.items ?? []) : [];

  return (
    <div className="space-y-4">
      <label className="block max-w-xl text-xs font-medium text-slate-600">
        Search all locations
        <Input
          aria-label="Search all contacts"
          type="search"
          autoFocus
          className="mt-1"
          placeholder="Name, email or phone"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {!search ? (
        <EmptyState title="Search contacts across your locations">
          Type a name, email or phone number. Results come from GHL Hub&apos;s copy of each
          location&apos;s contacts, so they are instant.
        </EmptyState>
      ) : null}
      {search && results.isPending ? (
        <div aria-busy="true" aria-label="Searching" className="space-y-2">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-10" />
          ))}
        </div>
      ) : null}
      {search && results.isError ? (
        <Alert>Could not search the contacts: {results.error.message}</Alert>
      ) : null}
      {search && results.isSuccess && items.length === 0 ? (
        <EmptyState title={`No contacts match “${search}”`} />
      ) : null}
      {items.length > 0 && results.data ? (
        <>
          <ContactsTable rows={items} showLocation />
          <Pager
            page={results.data.page}
            pageSize={results.data.pageSize}
            total={results.data.total}
            totalCapped={results.data.totalCapped}
            shown={items.length}
            onPage={(next) => setPaging({ search, page: next })}
          />
        </>
      ) : null}
    </div>
  );
};
