import type { Metadata } from "next";

import { AuditLogTable } from "~/components/settings/audit-log-table";
import { Alert } from "~/components/ui/alert";
import { isAgencyAdmin } from "~/server/tenancy";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller } from "~/server/trpc/rsc";

export const metadata: Metadata = { title: "Audit log" };

const AuditPage = async () => {
  const agency = await pageData(caller.agency.get());
  if (!isAgencyAdmin(agency.role)) {
    return (
      <div className="mx-auto max-w-lg py-12">
        <Alert tone="info">Only owners and admins can read the audit log.</Alert>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every change and every refused access in {agency.name}. Append-only and hash-chained:
          entries cannot be edited or removed.
        </p>
      </div>
      <AuditLogTable />
    </div>
  );
};

export default AuditPage;
