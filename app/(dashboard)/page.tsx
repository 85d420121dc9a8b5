import type { Metadata } from "next";
import { cookies } from "next/headers";

import { LAST_LOCATION_COOKIE } from "~/components/dashboard/last-location";
import { LocationsOverview } from "~/components/dashboard/locations-overview";
import { MissedByGhl } from "~/components/sync/missed-by-ghl";
import { isAgencyAdmin } from "~/server/tenancy";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller } from "~/server/trpc/rsc";

export const metadata: Metadata = { title: "Overview" };

const OverviewPage = async () => {
  const [agency, cookieStore] = await Promise.all([pageData(caller.agency.get()), cookies()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{agency.name}</h1>
        <p className="mt-1 text-sm text-slate-600">Every location of your agency, at a glance.</p>
      </div>
      <LocationsOverview
        isAdmin={isAgencyAdmin(agency.role)}
        lastLocationId={cookieStore.get(LAST_LOCATION_COOKIE)?.value ?? null}
      />
      <MissedByGhl />
    </div>
  );
};

export default OverviewPage;
