"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

import { canAssignRole, canManageMember } from "~/server/domains/members/members.policy";
import { AGENCY_ROLES, type AgencyRole, isAgencyRole } from "~/server/tenancy";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Select } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import { useInvalidateMembers } from "./use-invalidate-members";

export type Actor = { userId: string; role: AgencyRole };

export const MembersTable = ({ actor }: { actor: Actor }) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateMembers();
  const members = useQuery(trpc.members.list.queryOptions());
  const updateRole = useMutation(
    trpc.members.updateRole.mutationOptions({ onSettled: invalidate }),
  );
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSettled: invalidate }));
  const error = updateRole.error ?? remove.error;

  if (members.isPending) return <Skeleton className="h-40" />;
  if (members.isError) return <Alert>Could not load members: {members.error.message}</Alert>;

  return (
    <div className="space-y-3">
      {error ? <Alert>{error.message}</Alert> : null}
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="text-left text-xs font-medium text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4">
              Member
            </th>
            <th scope="col" className="py-2 pr-4">
              Role
            </th>
            <th scope="col" className="py-2 pr-4">
              Locations
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.data.map((member) => {
            const manageable = canManageMember(actor.role, member.role);
            const label = member.name ?? member.email;
            return (
              <tr key={member.userId}>
                <td className="py-3 pr-4">
                  <span className="block font-medium">
                    {label}
                    {member.userId === actor.userId ? (
                      <span className="ml-1 text-xs text-slate-500">(you)</span>
                    ) : null}
                  </span>
                  <span className="block text-xs text-slate-500">{member.email}</span>
                </td>
                <td className="py-3 pr-4">
                  <Select
                    aria-label={`Role of ${label}`}
                    value={member.role}
                    disabled={!manageable || updateRole.isPending}
                    onChange={(e) => {
                      if (isAgencyRole(e.target.value))
                        updateRole.mutate({ userId: member.userId, role: e.target.value });
                    }}
                    className="w-32"
                  >
                    {AGENCY_ROLES.filter(
                      (r) => r === member.role || canAssignRole(actor.role, r),
                    ).map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="py-3 pr-4 text-slate-700">
                  {member.role === "member" ? `${member.access.length} granted` : "All locations"}
                </td>
                <td className="py-3 text-right">
                  {manageable ? (
                    <Button
                      variant="danger"
                      size="sm"
                      pending={remove.isPending && remove.variables.userId === member.userId}
                      onClick={() => {
                        if (
                          window.confirm(
                            `Remove ${label} from the agency? They lose access to every location.`,
                          )
                        ) {
                          remove.mutate({ userId: member.userId });
                        }
                      }}
                    >
                      Remove
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
