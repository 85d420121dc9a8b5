"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "../ui/cn";

export const NavLinks = ({ isAdmin }: { isAdmin: boolean }) => {
  const pathname = usePathname();
  const links = [
    { href: "/", label: "Overview", active: pathname === "/" },
    {
      href: "/contacts",
      label: "Contacts",
      active: pathname.startsWith("/contacts") || /^\/locations\/[^/]+\/contacts/.test(pathname),
    },
    { href: "/imports", label: "Imports", active: pathname.startsWith("/imports") },
    { href: "/webhooks", label: "Webhooks", active: pathname.startsWith("/webhooks") },
    ...(isAdmin
      ? [
          { href: "/settings", label: "Settings", active: pathname === "/settings" },
          {
            href: "/settings/connections",
            label: "Connections",
            active: pathname.startsWith("/settings/connections"),
          },
          {
            href: "/settings/custom-fields",
            label: "Custom fields",
            active: pathname.startsWith("/settings/custom-fields"),
          },
          {
            href: "/settings/audit",
            label: "Audit log",
            active: pathname.startsWith("/settings/audit"),
          },
        ]
      : []),
  ];
  return (
    <nav aria-label="Main" className="flex items-center gap-1 text-sm">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.active ? "page" : undefined}
          className={cn(
            "rounded-md px-2.5 py-1.5",
            link.active
              ? "bg-slate-100 font-medium text-slate-900"
              : "text-slate-600 hover:text-slate-900",
          )}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
};
