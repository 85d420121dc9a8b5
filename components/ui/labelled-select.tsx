import type { SelectHTMLAttributes } from "react";

import { cn } from "./cn";
import { Select } from "./field";

/**
 * A select under its visible label. It is also named by `aria-label`: a wrapping label alone would
 * make screen readers read out the chosen option as part of the name.
 */
export const LabelledSelect = ({
  label,
  className,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string }) => (
  <label className="text-xs font-medium text-slate-600">
    {label}
    <Select aria-label={label} className={cn("mt-1", className)} {...props} />
  </label>
);
