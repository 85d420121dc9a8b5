import type { ReactNode } from "react";

export const EmptyState = ({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) => (
  <div className="rounded-lg border-2 border-dashed border-slate-300 px-6 py-12 text-center">
    <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
    {children ? (
      <div className="mx-auto mt-2 max-w-md text-sm text-slate-600">{children}</div>
    ) : null}
    {action ? <div className="mt-5">{action}</div> : null}
  </div>
);
