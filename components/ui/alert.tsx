import type { ReactNode } from "react";

import { cn } from "./cn";

export const Alert = ({
  tone = "error",
  children,
}: {
  tone?: "error" | "info" | "success";
  children: ReactNode;
}) => (
  <div
    role={tone === "error" ? "alert" : "status"}
    className={cn(
      "rounded-md px-3 py-2 text-sm ring-1 ring-inset",
      tone === "error" && "bg-red-50 text-red-800 ring-red-200",
      tone === "info" && "bg-sky-50 text-sky-800 ring-sky-200",
      tone === "success" && "bg-emerald-50 text-emerald-800 ring-emerald-200",
    )}
  >
    {children}
  </div>
);
