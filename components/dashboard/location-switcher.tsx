"use client";

import {
  Combobox,
  ComboboxButton,
  ComboboxInput,
  ComboboxOption,
  ComboboxOptions,
} from "@headlessui/react";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import { useTRPC } from "../providers/trpc-provider";

type SwitcherLocation = { id: string; name: string; city: string | null; timezone: string };

const LOCATION_PATH = /^\/locations\/([^/]+)/;

const matches = (location: SwitcherLocation, query: string) =>
  `${location.name} ${location.city ?? ""}`.toLowerCase().includes(query.trim().toLowerCase());

/** Keyboard-first: Ctrl/⌘+K focuses it, arrows move, Enter opens, Escape closes. */
export const LocationSwitcher = () => {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const { data: locations = [], isPending, isError } = useQuery(trpc.locations.list.queryOptions());
  const [query, setQuery] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const currentId = LOCATION_PATH.exec(pathname)?.[1];
  const current = locations.find((l) => l.id === currentId) ?? null;
  const filtered = query ? locations.filter((l) => matches(l, query)) : locations;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const open = (location: SwitcherLocation | null) => {
    if (!location) return;
    setQuery("");
    // Stay on the same page of the new location, e.g. /locations/A/contacts → /locations/B/contacts.
    const rest = currentId ? pathname.slice(`/locations/${currentId}`.length) : "";
    router.push(`/locations/${location.id}${rest}`);
  };

  const placeholder = isPending
    ? "Loading locations…"
    : isError
      ? "Locations unavailable"
      : "Switch location…";

  return (
    <Combobox value={current} onChange={open} by="id" onClose={() => setQuery("")}>
      {({ open: isOpen }) => (
        <div className="relative w-full sm:w-72">
          <ComboboxInput
            ref={inputRef}
            // A click in the field shows the whole list, as the chevron does.
            onClick={() => {
              if (!isOpen) buttonRef.current?.click();
            }}
            aria-label="Switch location"
            placeholder={placeholder}
            displayValue={(location: SwitcherLocation | null) => location?.name ?? ""}
            onChange={(event) => setQuery(event.target.value)}
            className="w-full rounded-md bg-slate-50 py-1.5 pr-20 pl-3 text-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-500 focus:bg-white focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          />
          <ComboboxButton
            ref={buttonRef}
            aria-label="Show all locations"
            className="absolute inset-y-0 right-0 flex items-center gap-1 px-2 text-slate-500"
          >
            <kbd className="rounded border border-slate-300 px-1 text-[10px]">Ctrl K</kbd>
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden>
              <path d="M5.23 7.21a.75.75 0 011.06.02L10 11.06l3.71-3.83a.75.75 0 111.08 1.04l-4.25 4.39a.75.75 0 01-1.08 0L5.21 8.27a.75.75 0 01.02-1.06z" />
            </svg>
          </ComboboxButton>
          <ComboboxOptions
            anchor="bottom start"
            modal={false}
            className="z-50 mt-1 max-h-80 w-(--input-width) min-w-64 overflow-auto rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200 empty:invisible"
          >
            {filtered.length === 0 ? (
              <div className="px-3 py-2 text-sm text-slate-600">
                {locations.length === 0 ? "You have no locations yet" : "No location matches"}
              </div>
            ) : (
              filtered.map((location) => (
                <ComboboxOption
                  key={location.id}
                  value={location}
                  className="cursor-pointer rounded px-3 py-2 text-sm data-focus:bg-indigo-50 data-selected:font-semibold"
                >
                  <span className="block">{location.name}</span>
                  <span className="block text-xs text-slate-500">
                    {[location.city, location.timezone].filter(Boolean).join(" · ")}
                  </span>
                </ComboboxOption>
              ))
            )}
          </ComboboxOptions>
        </div>
      )}
    </Combobox>
  );
};
