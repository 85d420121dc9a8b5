import { redirect } from "next/navigation";
import type { ReactNode } from "react";

import { TopBar } from "~/components/dashboard/top-bar";
import { HydrateClient } from "~/components/providers/hydrate-client";
import { auth } from "~/server/auth";
import { isAgencyAdmin } from "~/server/tenancy";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller, getQueryClient, trpc } from "~/server/trpc/rsc";

const DashboardLayout = async ({ children }: { children: ReactNode }) => {
  if (!(await auth())?.user) redirect("/sign-in");
  const viewer = await pageData(caller.viewer.get());
  const [agency] = viewer.agencies;
  if (!agency) redirect("/welcome");
  void getQueryClient().prefetchQuery(trpc.locations.list.queryOptions());

  return (
    <HydrateClient>
      <div className="min-h-screen">
        <TopBar agencyName={agency.name} isAdmin={isAgencyAdmin(agency.role)} user={viewer.user} />
        <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:px-8">{children}</main>
      </div>
    </HydrateClient>
  );
};

export default DashboardLayout;
