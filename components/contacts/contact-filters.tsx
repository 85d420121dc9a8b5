"use client";

import { useId, useState } from "react";

import { Button } from "../ui/button";
import { Input, Select } from "../ui/field";
import { LabelledSelect } from "../ui/labelled-select";
import { parseTags } from "./format";

export type ContactFilterState = {
  search: string;
  tags: string[];
  tagMode: "any" | "all";
  hasEmail: "" | "yes" | "no";
  hasPhone: "" | "yes" | "no";
  fieldId: string;
  fieldValue: string;
};

export const NO_FILTERS: ContactFilterState = {
  search: "",
  tags: [],
  tagMode: "any",
  hasEmail: "",
  hasPhone: "",
  fieldId: "",
  fieldValue: "",
};

type Options = {
  tags: { tag: string; count: number }[];
  customFields: { id: string; name: string }[];
};

const isPresence = (v: string): v is ContactFilterState["hasEmail"] =>
  ["", "yes", "no"].includes(v);

const PRESENCE = [
  { key: "hasEmail", label: "Email", noun: "email" },
  { key: "hasPhone", label: "Phone", noun: "phone" },
] as const;

/** Search as you type, tags (any/all), email/phone presence and one custom field value. */
export const ContactFilters = ({
  value,
  onChange,
  options,
}: {
  value: ContactFilterState;
  onChange: (next: ContactFilterState) => void;
  options: Options | undefined;
}) => {
  const [tagText, setTagText] = useState("");
  const listId = useId();
  const set = (patch: Partial<ContactFilterState>) => onChange({ ...value, ...patch });
  const addTags = () => {
    const added = parseTags(tagText).filter((t) => !value.tags.includes(t));
    if (added.length > 0) set({ tags: [...value.tags, ...added] });
    setTagText("");
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="min-w-64 flex-1 text-xs font-medium text-slate-600">
          Search
          <Input
            aria-label="Search contacts"
            type="search"
            className="mt-1"
            placeholder="Name, email or phone"
            value={value.search}
            onChange={(e) => set({ search: e.target.value })}
          />
        </label>
        <div className="text-xs font-medium text-slate-600">
          <label htmlFor={`${listId}-tag`}>Tag</label>
          <div className="mt-1 flex gap-2">
            <Input
              id={`${listId}-tag`}
              aria-label="Filter by tag"
              className="w-44"
              list={`${listId}-tags`}
              placeholder="e.g. vip"
              value={tagText}
              onChange={(e) => setTagText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addTags();
                }
              }}
            />
            <datalist id={`${listId}-tags`}>
              {options?.tags.map((t) => (
                <option key={t.tag} value={t.tag}>
                  {`${t.tag} (${t.count})`}
                </option>
              ))}
            </datalist>
            <Button size="sm" variant="secondary" onClick={addTags} disabled={!tagText.trim()}>
              Add tag filter
            </Button>
          </div>
        </div>
        {PRESENCE.map(({ key, label, noun }) => (
          <LabelledSelect
            key={key}
            label={label}
            className="w-36"
            value={value[key]}
            onChange={(e) => isPresence(e.target.value) && set({ [key]: e.target.value })}
          >
            <option value="">Any</option>
            <option value="yes">{`Has ${noun}`}</option>
            <option value="no">{`No ${noun}`}</option>
          </LabelledSelect>
        ))}
        {options && options.customFields.length > 0 ? (
          <div className="flex items-end gap-2">
            <LabelledSelect
              label="Custom field"
              className="w-44"
              value={value.fieldId}
              onChange={(e) => set({ fieldId: e.target.value })}
            >
              <option value="">Any</option>
              {options.customFields.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </LabelledSelect>
            {value.fieldId ? (
              <label className="text-xs font-medium text-slate-600">
                equals
                <Input
                  aria-label="Custom field value"
                  className="mt-1 w-36"
                  value={value.fieldValue}
                  onChange={(e) => set({ fieldValue: e.target.value })}
                />
              </label>
            ) : null}
          </div>
        ) : null}
      </div>
      {value.tags.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">Tags:</span>
          {value.tags.map((tag) => (
            <span
              key={tag}
              className="inline-flex items-center gap-1 rounded-md bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700 ring-1 ring-indigo-600/20"
            >
              {tag}
              <button
                type="button"
                aria-label={`Remove tag filter ${tag}`}
                className="rounded px-1 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                onClick={() => set({ tags: value.tags.filter((t) => t !== tag) })}
              >
                ×
              </button>
            </span>
          ))}
          {value.tags.length > 1 ? (
            <Select
              aria-label="Match tags"
              className="w-40"
              value={value.tagMode}
              onChange={(e) => set({ tagMode: e.target.value === "all" ? "all" : "any" })}
            >
              <option value="any">Any of these</option>
              <option value="all">All of these</option>
            </Select>
          ) : null}
        </div>
      ) : null}
    </div>
  );
};
