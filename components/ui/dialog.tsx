"use client";

import { Description, Dialog, DialogBackdrop, DialogPanel, DialogTitle } from "@headlessui/react";
import type { ReactNode } from "react";

import { cn } from "./cn";

/** A modal dialog: focus is trapped inside, Escape and the backdrop close it, focus returns after. */
export const Modal = ({
  open,
  onClose,
  title,
  description,
  size = "md",
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  size?: "md" | "xl";
  children: ReactNode;
}) => (
  <Dialog open={open} onClose={onClose} className="relative z-50">
    <DialogBackdrop className="fixed inset-0 bg-slate-900/40" />
    <div className="fixed inset-0 flex items-start justify-center overflow-y-auto p-4 sm:p-8">
      <DialogPanel
        className={cn(
          "w-full rounded-lg bg-white shadow-xl ring-1 ring-slate-200",
          size === "xl" ? "max-w-4xl" : "max-w-md",
        )}
      >
        <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
          <div>
            <DialogTitle className="text-base font-semibold text-slate-900">{title}</DialogTitle>
            {description ? (
              <Description className="mt-1 text-sm text-slate-600">{description}</Description>
            ) : null}
          </div>
          <button
            type="button"
            onClick={onClose}
            className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Close<span className="sr-only"> dialog</span>
          </button>
        </div>
        <div className="px-5 py-4">{children}</div>
      </DialogPanel>
    </div>
  </Dialog>
);
