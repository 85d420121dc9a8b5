import type { ButtonHTMLAttributes } from "react";

import { cn } from "./cn";

const VARIANTS = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-indigo-600",
  secondary: "bg-white text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50",
  ghost: "text-slate-700 hover:bg-slate-100",
  danger: "bg-white text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50",
} as const;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof VARIANTS;
  size?: "sm" | "md";
  pending?: boolean;
};

export const buttonClasses = (
  variant: keyof typeof VARIANTS = "primary",
  size: "sm" | "md" = "md",
) =>
  cn(
    "inline-flex items-center justify-center gap-2 rounded-md font-medium shadow-xs transition",
    "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60",
    size === "sm" ? "px-2.5 py-1.5 text-xs" : "px-3.5 py-2 text-sm",
    VARIANTS[variant],
  );

export const Button = ({
  variant,
  size,
  pending,
  className,
  children,
  disabled,
  ...props
}: ButtonProps) => (
  <button
    type="button"
    className={cn(buttonClasses(variant, size), className)}
    disabled={disabled ?? pending}
    aria-busy={pending || undefined}
    {...props}
  >
    {pending ? (
      <span
        className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent"
        aria-hidden
      />
    ) : null}
    {children}
  </button>
);
