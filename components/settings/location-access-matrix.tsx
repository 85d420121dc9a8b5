"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

import { canManageMember } from "~/server/domains/members/members.policy";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { EmptyState } from "../ui/empty-state";
import { Select } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import type { Actor } from "./members-table";
import { useInvalidateMembers } from "./use-invalidate-members";

const ACCESS = { none: "No access", user: "User", admin: "Admin" } as const;
type Access = keyof typeof ACCESS;
const isAccess = (value: string): value is Access => value in ACCESS;

export const LocationAccessMatrix = ({ actor }: { actor: Actor }) => {
  const trpc = useTRPC();
  const invalidate = useInvalidateMembers();
  const members = useQuery(trpc.members.list.queryOptions());
  const locations = useQuery(trpc.locations.list.queryOptions());
  const setAccess = useMutation(
    trpc.members.setLocationAccess.mutationOptions({ onSettled: invalidate }),
  );

  if (members.isPending || locations.isPending) return <Skeleton className="h-40" />;
  if (members.isError || locations.isError) {
    return <Alert>Could not load access: {(members.error ?? locations.error)?.message}</Alert>;
  }
  const plainMembers = members.data.filter((m) => m.role === "member");
  if (plainMembers.length === 0) {
    return (
      <EmptyState title="No members to grant access to">
        Owners and admins already reach every location.
      </EmptyState>
    );
  }
  if (locations.data.length === 0) return <EmptyState title="No locations yet" />;

  return (
    <div className="space-y-3">
      {setAccess.isError ? <Alert>{setAccess.error.message}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="text-left text-xs font-medium text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Location
              </th>
              {plainMembers.map((m) => (
                <th key={m.userId} scope="col" className="py-2 pr-4">
                  {m.name ?? m.email}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {locations.data.map((location) => (
              <tr key={location.id}>
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  {location.name}
                </th>
                {plainMembers.map((member) => {
                  const current =
                    member.access.find((a) => a.locationId === location.id)?.role ?? "none";
                  return (
                    <td key={member.userId} className="py-2 pr-4">
                      <Select
                        aria-label={`Access of ${member.name ?? member.email} to ${location.name}`}
                        value={current}
                        disabled={!canManageMember(actor.role, member.role) || setAccess.isPending}
                        onChange={(e) => {
                          const next = e.target.value;
                          if (!isAccess(next)) return;
                          setAccess.mutate({
                            userId: member.userId,
                            locationId: location.id,
                            role: next === "none" ? null : next,
                          });
                        }}
                        className="w-32"
                      >
                        {Object.entries(ACCESS).map(([key, label]) => (
                          <option key={key} value={key}>
                            {label}
                          </option>
                        ))}
                      </Select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
};
