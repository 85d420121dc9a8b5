import type { Sandbox } from "../../context";
import { isRecord, locationFor, str } from "../../core/access";
import { errors } from "../../core/errors";
import type { AccessToken, User } from "../../store/types";
import { userEventData } from "./render";
import { type Input, companyAccess, strings } from "./shared";

const TYPES = ["agency", "account"] as const;
const ROLES = ["admin", "user"] as const;

const oneOf = <T extends string>(field: string, allowed: readonly T[], value: unknown) => {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value))
    throw errors.unprocessable([
      `${field} must be one of the following values: ${allowed.join(", ")}`,
    ]);
  return value as T;
};

/** A user the token may see: its company's, and for a location token one with access there. */
export const userFor = (sandbox: Sandbox, token: AccessToken, userId: string | undefined) => {
  const user = userId ? sandbox.state.users.get(userId) : undefined;
  if (!user || user.deleted) throw errors.badRequest(`User with id ${userId ?? ""} not found`);
  if (token.kind === "location" && !user.locationIds.includes(token.locationId ?? ""))
    throw errors.locationAccess();
  if (user.companyId !== token.companyId) throw companyAccess();
  return user;
};

/** Every named location must be one the token may act on (403 / 400 as for any location). */
const locationIdsFrom = (sandbox: Sandbox, token: AccessToken, value: unknown) => {
  const ids = strings(value);
  if (!ids) return undefined;
  return [...new Set(ids)].map((id) => locationFor(sandbox, token, id).id);
};

const emailTaken = (sandbox: Sandbox, companyId: string, email: string, except?: string) =>
  [...sandbox.state.users.values()].some(
    (u) => !u.deleted && u.companyId === companyId && u.email === email && u.id !== except,
  );

/** The fields CreateUserDto and UpdateUserDto share (the password is accepted, never kept). */
const apply = (sandbox: Sandbox, token: AccessToken, user: User, input: Input) => {
  user.firstName = str(input.firstName) ?? user.firstName;
  user.lastName = str(input.lastName) ?? user.lastName;
  const email = str(input.email)?.trim().toLowerCase();
  if (email && email !== user.email) {
    if (emailTaken(sandbox, user.companyId, email, user.id))
      throw errors.badRequest(`User already exists with email ${email}`);
    user.email = email;
  }
  user.phone = str(input.phone) ?? user.phone;
  user.type = oneOf("type", TYPES, input.type) ?? user.type;
  user.role = oneOf("role", ROLES, input.role) ?? user.role;
  // An agency user is company-wide; a location token may only manage its sub-account's users.
  if (user.type === "agency" && token.kind === "location") throw errors.tokenKind();
  user.locationIds = locationIdsFrom(sandbox, token, input.locationIds) ?? user.locationIds;
  if (isRecord(input.permissions)) {
    const permissions = Object.entries(input.permissions).filter(
      (e): e is [string, boolean] => typeof e[1] === "boolean",
    );
    user.permissions = { ...user.permissions, ...Object.fromEntries(permissions) };
  }
  user.scopes = strings(input.scopes) ?? user.scopes;
  user.scopesAssignedToOnly = strings(input.scopesAssignedToOnly) ?? user.scopesAssignedToOnly;
  user.profilePhoto = str(input.profilePhoto) ?? user.profilePhoto;
  user.platformLanguage = str(input.platformLanguage) ?? user.platformLanguage;
  if (isRecord(input.twilioPhone)) {
    const phones = Object.entries(input.twilioPhone).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    );
    user.lcPhone = { ...user.lcPhone, ...Object.fromEntries(phones) };
  }
};

/**
 * UserCreate goes to the sub-accounts of an account user (with `locationId`), or company-wide
 * for an agency user (with `companyId` and `locations`), as the two doc examples show.
 */
const emitUserCreate = (sandbox: Sandbox, user: User) => {
  if (user.type === "agency") {
    sandbox.emit({ type: "UserCreate", companyId: user.companyId, data: userEventData(user) });
    return;
  }
  for (const locationId of user.locationIds)
    sandbox.emit({
      type: "UserCreate",
      locationId,
      companyId: user.companyId,
      data: userEventData(user),
    });
};

export const createUser = (
  sandbox: Sandbox,
  token: AccessToken,
  companyId: string,
  input: Input,
) => {
  const email = str(input.email)?.trim().toLowerCase() ?? "";
  if (emailTaken(sandbox, companyId, email))
    throw errors.badRequest(`User already exists with email ${email}`);
  const user: User = {
    id: sandbox.ids.ghl(),
    companyId,
    firstName: "",
    lastName: "",
    email,
    phone: "",
    type: "account",
    role: "user",
    locationIds: [],
    deleted: false,
    dateAdded: sandbox.clock.now(),
  };
  apply(sandbox, token, user, input);
  sandbox.state.users.set(user.id, user);
  emitUserCreate(sandbox, user);
  return user;
};

export const updateUser = (sandbox: Sandbox, token: AccessToken, user: User, input: Input) => {
  const companyId = str(input.companyId);
  if (companyId && companyId !== user.companyId) throw companyAccess();
  const draft = { ...user, locationIds: [...user.locationIds] };
  apply(sandbox, token, draft, input);
  Object.assign(user, draft);
  return user;
};
