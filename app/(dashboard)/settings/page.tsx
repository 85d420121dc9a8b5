import type { Metadata } from "next";

import { HydrateClient } from "~/components/providers/hydrate-client";
import { AddMemberForm } from "~/components/settings/add-member-form";
import { AgencyNameForm } from "~/components/settings/agency-name-form";
import { LocationAccessMatrix } from "~/components/settings/location-access-matrix";
import { MembersTable } from "~/components/settings/members-table";
import { Alert } from "~/components/ui/alert";
import { Card, CardHeader } from "~/components/ui/card";
import { isAgencyAdmin } from "~/server/tenancy";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller, getQueryClient, trpc } from "~/server/trpc/rsc";

export const metadata: Metadata = { title: "Agency settings" };

const SettingsPage = async () => {
  const [agency, viewer] = await Promise.all([
    pageData(caller.agency.get()),
    pageData(caller.viewer.get()),
  ]);
  if (!isAgencyAdmin(agency.role)) {
    return (
      <div className="mx-auto max-w-lg py-12">
        <h1 className="text-xl font-semibold">Agency settings</h1>
        <div className="mt-4">
          <Alert tone="info">
            Only owners and admins of {agency.name} can manage members and access.
          </Alert>
        </div>
      </div>
    );
  }
  const queryClient = getQueryClient();
  void queryClient.prefetchQuery(trpc.members.list.queryOptions());
  const actor = { userId: viewer.user.id, role: agency.role };

  return (
    <HydrateClient>
      <div className="space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">Agency settings</h1>
          <p className="mt-1 text-sm text-slate-600">
            Who works in {agency.name}, and which locations they can open.
          </p>
        </div>
        <Card>
          <CardHeader title="Agency" description="The name your team sees across GHL Hub." />
          <div className="p-5">
            <AgencyNameForm name={agency.name} />
          </div>
        </Card>
        <Card>
          <CardHeader
            title="Members"
            description="Owners and admins reach every location. Members reach only the locations granted below."
          />
          <div className="space-y-5 p-5">
            <AddMemberForm actorRole={agency.role} />
            <MembersTable actor={actor} />
          </div>
        </Card>
        <Card>
          <CardHeader
            title="Location access"
            description="Grant members access to individual locations, as a user or an admin."
          />
          <div className="p-5">
            <LocationAccessMatrix actor={actor} />
          </div>
        </Card>
      </div>
    </HydrateClient>
  );
};

export default SettingsPage;
