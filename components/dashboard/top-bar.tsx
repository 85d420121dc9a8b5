import Link from "next/link";

import { signOutAction } from "~/server/auth/sign-out-action";

import { LocationSwitcher } from "./location-switcher";
import { NavLinks } from "./nav-links";

type Props = { agencyName: string; isAdmin: boolean; user: { name: string | null; email: string } };

export const TopBar = ({ agencyName, isAdmin, user }: Props) => (
  <header className="border-b border-slate-200 bg-white">
    <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6 lg:px-8">
      <Link href="/" className="flex items-center gap-2 font-semibold">
        <span className="rounded bg-indigo-600 px-1.5 py-0.5 text-xs text-white">GHL</span>
        <span>Hub</span>
        <span className="hidden text-sm font-normal text-slate-500 sm:inline">· {agencyName}</span>
      </Link>
      <LocationSwitcher />
      <NavLinks isAdmin={isAdmin} />
      <div className="ml-auto flex items-center gap-3 text-sm">
        <span className="hidden text-slate-600 md:inline" title={user.email}>
          {user.name ?? user.email}
        </span>
        <form action={signOutAction}>
          <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </div>
  </header>
);
