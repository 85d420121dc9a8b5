import { describe, expect, it } from "vitest";

import { canAssignRole, canManageMember, leavesAnOwner } from "./members.policy";

describe("member policy", () => {
  it("lets owners manage everyone and admins only plain members", () => {
    expect(canManageMember("owner", "owner")).toBe(true);
    expect(canManageMember("owner", "admin")).toBe(true);
    expect(canManageMember("admin", "member")).toBe(true);
    expect(canManageMember("admin", "admin")).toBe(false);
    expect(canManageMember("admin", "owner")).toBe(false);
    expect(canManageMember("member", "member")).toBe(false);
  });

  it("reserves the owner and admin roles to owners", () => {
    expect(canAssignRole("owner", "admin")).toBe(true);
    expect(canAssignRole("owner", "owner")).toBe(true);
    expect(canAssignRole("admin", "member")).toBe(true);
    expect(canAssignRole("admin", "admin")).toBe(false);
    expect(canAssignRole("admin", "owner")).toBe(false);
  });

  it("never leaves an agency without an owner", () => {
    expect(leavesAnOwner({ owners: 1, target: "owner", nextRole: "admin" })).toBe(false);
    expect(leavesAnOwner({ owners: 1, target: "owner", nextRole: null })).toBe(false);
    expect(leavesAnOwner({ owners: 2, target: "owner", nextRole: null })).toBe(true);
    expect(leavesAnOwner({ owners: 1, target: "owner", nextRole: "owner" })).toBe(true);
    expect(leavesAnOwner({ owners: 1, target: "admin", nextRole: null })).toBe(true);
  });
});
