import type { HTMLAttributes, ReactNode } from "react";

import { cn } from "./cn";

export const Card = ({ className, ...props }: HTMLAttributes<HTMLDivElement>) => (
  <div
    className={cn("rounded-lg bg-white shadow-xs ring-1 ring-slate-200", className)}
    {...props}
  />
);

export const CardHeader = ({
  title,
  description,
  action,
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
}) => (
  <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
    <div>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
    </div>
    {action}
  </div>
);
