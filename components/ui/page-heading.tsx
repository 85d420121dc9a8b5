import Link from "next/link";
import type { ReactNode } from "react";

/** A page's title under a link back to where it belongs, with a line about what it shows. */
export const PageHeading = ({
  back,
  title,
  children,
}: {
  back: { href: string; label: ReactNode };
  title: ReactNode;
  children: ReactNode;
}) => (
  <div>
    <Link href={back.href} className="text-sm text-indigo-700 hover:underline">
      ← {back.label}
    </Link>
    <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
    <p className="mt-1 text-sm text-slate-600">{children}</p>
  </div>
);
