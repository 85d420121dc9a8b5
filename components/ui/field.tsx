import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

import { cn } from "./cn";

const control =
  "block w-full rounded-md bg-white px-3 py-1.5 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:bg-slate-50";

export const Input = ({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) => (
  <input className={cn(control, className)} {...props} />
);

export const Select = ({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) => (
  <select className={cn(control, "pr-8", className)} {...props} />
);

export const Label = ({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) => (
  <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-900">
    {children}
  </label>
);
