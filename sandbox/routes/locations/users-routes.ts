import { locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import type { User } from "../../store/types";
import { renderUser } from "./render";
import { bodyOf, companyFor, pageOf } from "./shared";
import { createUser, updateUser, userFor } from "./user-service";

const fullName = (u: User) => `${u.firstName} ${u.lastName}`.trim();

const SORTS: Record<string, (u: User) => string | number> = {
  firstName: (u) => u.firstName.toLowerCase(),
  lastName: (u) => u.lastName.toLowerCase(),
  email: (u) => u.email,
  dateAdded: (u) => u.dateAdded,
};

const compare = (key: (u: User) => string | number, sign: number) => (a: User, b: User) => {
  const x = key(a);
  const y = key(b);
  return sign * (x < y ? -1 : x > y ? 1 : 0) || (a.id < b.id ? -1 : 1);
};

const csv = (value: unknown) =>
  str(value)
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Users (REFERENCE §5.9): agency or location tokens, except where the spec says otherwise. */
export const usersRoutes: RouteTable = {
  "GET /users/search": (sandbox, { query, token }) => {
    const company = companyFor(sandbox, token, query.companyId);
    const locationId = str(query.locationId) ?? token.locationId ?? undefined;
    if (locationId) locationFor(sandbox, token, locationId);
    const text = str(query.query)?.toLowerCase();
    const ids = csv(query.ids);
    const sort = SORTS[str(query.sort) ?? ""] ?? ((u: User) => fullName(u).toLowerCase());
    const all = [...sandbox.state.users.values()]
      .filter((u) => !u.deleted && u.companyId === company.id)
      .filter((u) => !locationId || u.locationIds.includes(locationId))
      .filter((u) => !str(query.type) || u.type === str(query.type))
      .filter((u) => !str(query.role) || u.role === str(query.role))
      .filter((u) => !ids || ids.includes(u.id))
      .filter((u) => !text || `${fullName(u)} ${u.email} ${u.phone}`.toLowerCase().includes(text))
      .sort(compare(sort, str(query.sortDirection) === "desc" ? -1 : 1));
    return {
      status: 200,
      body: {
        users: pageOf(all, query.skip, query.limit, 25).map(renderUser),
        count: all.length,
      },
    };
  },

  /** `deleted` picks live or deleted users; emails are a comma-separated string. */
  "POST /users/search/filter-by-email": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const company = companyFor(sandbox, token, input.companyId);
    const emails = new Set(csv(input.emails)?.map((e) => e.toLowerCase()));
    const deleted = input.deleted === true;
    const all = [...sandbox.state.users.values()].filter(
      (u) => u.companyId === company.id && u.deleted === deleted && emails.has(u.email),
    );
    return {
      status: 200,
      body: {
        users: pageOf(all, input.skip, input.limit, 25).map(renderUser),
        count: all.length,
      },
    };
  },

  "GET /users/{userId}": (sandbox, { params, token }) => ({
    status: 200,
    body: renderUser(userFor(sandbox, token, params.userId)),
  }),

  /** Deprecated, still served: everyone with access to the location, unpaged. */
  "GET /users/": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const users = [...sandbox.state.users.values()]
      .filter((u) => !u.deleted && u.locationIds.includes(location.id))
      .sort(compare((u) => fullName(u).toLowerCase(), 1));
    return { status: 200, body: { users: users.map(renderUser) } };
  },

  "POST /users/": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const company = companyFor(sandbox, token, input.companyId);
    return { status: 201, body: renderUser(createUser(sandbox, token, company.id, input)) };
  },

  "PUT /users/{userId}": (sandbox, { params, body, token }) => {
    const user = userFor(sandbox, token, params.userId);
    return { status: 200, body: renderUser(updateUser(sandbox, token, user, bodyOf(body))) };
  },

  /** Deletion is queued in GHL; the sandbox hides the user at once. */
  "DELETE /users/{userId}": (sandbox, { params, token }) => {
    const user = userFor(sandbox, token, params.userId);
    user.deleted = true;
    return {
      status: 200,
      body: {
        succeded: true,
        message: `Queued deleting user with e-mail ${user.email} and name ${fullName(user)}. Will take effect in a few minutes.`,
      },
    };
  },
};
