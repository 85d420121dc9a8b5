import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { CreateAgencyForm } from "~/components/dashboard/create-agency-form";
import { Alert } from "~/components/ui/alert";
import { auth } from "~/server/auth";
import { canCreateAgencies } from "~/server/domains/agencies/agencies.policy";
import { getEnv } from "~/server/env";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller } from "~/server/trpc/rsc";
import { signOutAction } from "~/server/auth/sign-out-action";

export const metadata: Metadata = { title: "Welcome" };

/** Signed in, but in no agency: create one (when sign-up is open) or ask to be invited. */
const WelcomePage = async () => {
  if (!(await auth())?.user) redirect("/sign-in");
  const viewer = await pageData(caller.viewer.get());
  if (viewer.agencies.length > 0) redirect("/");
  const canCreate = canCreateAgencies(getEnv());

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md space-y-5 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold">Welcome, {viewer.user.name ?? viewer.user.email}</h1>
        {canCreate ? (
          <>
            <p className="text-sm text-slate-600">
              Create your agency to start connecting its GoHighLevel locations.
            </p>
            <CreateAgencyForm />
          </>
        ) : (
          <Alert tone="info">
            You are not a member of any agency yet. Ask an agency owner or admin to add{" "}
            {viewer.user.email}.
          </Alert>
        )}
        <form action={signOutAction}>
          <button type="submit" className="text-sm text-slate-600 underline">
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
};

export default WelcomePage;
