import type { Sandbox } from "../../context";
import { int, isRecord } from "../../core/access";
import { errors, ghlError } from "../../core/errors";
import type { AccessToken, Company } from "../../store/types";

export type Input = Record<string, unknown>;

export const bodyOf = (body: unknown): Input => (isRecord(body) ? body : {});

export const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;

/** Same wording as the location check; GHL's exact text for a foreign company is unconfirmed (REFERENCE §9). */
export const companyAccess = () => ghlError(403, "The token does not have access to this company.");

/** The company the request names: the token's own (agency tokens or a location token's agency). */
export const companyFor = (sandbox: Sandbox, token: AccessToken, companyId: unknown): Company => {
  if (typeof companyId !== "string" || companyId.length === 0)
    throw errors.unprocessable(["companyId should not be empty"]);
  if (companyId !== token.companyId) throw companyAccess();
  const company = sandbox.state.companies.get(companyId);
  if (!company) throw errors.badRequest(`Company with id ${companyId} not found`);
  return company;
};

/** `Lead Score` → `lead_score`, the way GHL derives field and custom value keys from names. */
export const snakeKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

/** Skip/limit paging, the offset style of search endpoints (strings in the query). */
export const pageOf = <T>(items: T[], skip: unknown, limit: unknown, defaultLimit: number) => {
  const from = Math.max(int(skip, 0), 0);
  const size = Math.max(int(limit, defaultLimit), 1);
  return items.slice(from, from + size);
};

/** A key not used yet: `base`, then `base_1`, `base_2`… */
export const uniqueKey = (base: string, taken: (key: string) => boolean) => {
  if (!taken(base)) return base;
  for (let n = 1; ; n++) if (!taken(`${base}_${n}`)) return `${base}_${n}`;
};
