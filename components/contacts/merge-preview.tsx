"use client";

import type { TMergePreview as Preview } from "~/server/domains/contacts/contact-merge.schemas";

import { displayName, fieldValueText } from "./format";

/** What the merge will do, in words: filled fields, kept conflicts, skipped values, tags. */
export const MergePreviewView = ({ preview }: { preview: Preview }) => {
  const { plan, primary, duplicate } = preview;
  const fills = Object.entries(plan.fill);
  const nothing =
    fills.length === 0 && plan.tagsAdded.length === 0 && plan.customFieldsAdded.length === 0;
  return (
    <section
      aria-label="Merge preview"
      className="space-y-2 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200"
    >
      <p>
        <strong>{displayName(primary)}</strong> survives; <strong>{displayName(duplicate)}</strong>{" "}
        is deleted in GoHighLevel.
      </p>
      {nothing ? <p className="text-slate-600">Nothing to copy: the survivor has it all.</p> : null}
      {fills.length > 0 ? (
        <div>
          <p className="font-medium">Copied to the survivor</p>
          <ul className="list-disc pl-5">
            {fills.map(([field, value]) => (
              <li key={field}>
                {field}: {value}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.tagsAdded.length > 0 ? <p>Tags added: {plan.tagsAdded.join(", ")}</p> : null}
      {plan.customFieldsAdded.length > 0 ? (
        <p>
          Custom fields copied:{" "}
          {plan.customFieldsAdded.map((f) => `${f.id} = ${fieldValueText(f.value)}`).join("; ")}
        </p>
      ) : null}
      {plan.conflicts.length > 0 ? (
        <div>
          <p className="font-medium">Kept from the survivor (the duplicate differs)</p>
          <ul className="list-disc pl-5">
            {plan.conflicts.map((c) => (
              <li key={c.field}>
                {c.field}: keeps “{c.primary}”, drops “{c.duplicate}”
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.skipped.length > 0 ? (
        <p className="text-amber-800">
          Not copied: {plan.skipped.map((s) => `${s.field} (${s.reason})`).join("; ")}
        </p>
      ) : null}
    </section>
  );
};
