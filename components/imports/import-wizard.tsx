"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import type { TPlanResult } from "~/server/domains/imports/imports.schemas";

import { useTRPC } from "../providers/trpc-provider";
import { cn } from "../ui/cn";
import { ImportProgress } from "./import-progress";
import { MappingStep } from "./mapping-step";
import { type Uploaded, UploadStep } from "./upload-step";

const STEPS = ["Upload", "Map columns", "Dry run & import"] as const;

/** Upload → mapping with a preview → dry run → import with live progress, report and undo. */
export const ImportWizard = ({
  location,
  contactsHref,
}: {
  location?: { id: string; name: string };
  contactsHref?: string;
}) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [upload, setUpload] = useState<Uploaded | null>(null);
  const [plan, setPlan] = useState<TPlanResult | null>(null);
  const step = plan ? 2 : upload ? 1 : 0;

  return (
    <div className="space-y-6">
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="Import steps">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index === step ? "step" : undefined}
            className={cn(
              "rounded-full px-3 py-1 ring-1 ring-inset",
              index === step
                ? "bg-indigo-600 text-white ring-indigo-600"
                : index < step
                  ? "bg-indigo-50 text-indigo-700 ring-indigo-200"
                  : "text-slate-500 ring-slate-200",
            )}
          >
            {index + 1}. {label}
          </li>
        ))}
      </ol>
      {step === 0 ? <UploadStep onUploaded={setUpload} /> : null}
      {step === 1 && upload ? (
        <MappingStep
          upload={upload}
          location={location}
          onBack={() => setUpload(null)}
          onPlanned={(result) => {
            setPlan(result);
            void queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });
          }}
        />
      ) : null}
      {step === 2 && plan ? (
        <div className="space-y-4">
          <ImportProgress importId={plan.importId} contactsHref={contactsHref} />
          <button
            type="button"
            className="text-sm text-indigo-700 hover:underline"
            onClick={() => {
              setPlan(null);
              setUpload(null);
            }}
          >
            Import another file
          </button>
        </div>
      ) : null}
    </div>
  );
};
