import type { RunningSandbox } from "~/sandbox/index";
import { makeContact } from "~/sandbox/seed/contacts";

import { CATALOG, runOperation } from "../../../ghl/catalog";
import type { GhlRuntime } from "../../../ghl/runtime";
import type { Db } from "../../../db/types";
import { operationContext } from "../contact-ghl";
import type { GhlAsk, Samples } from "./search-cases";

/**
 * Tops the location up to `count` contacts shaped like the demo world's (names, emails, phones,
 * the vertical's tags, custom field values), straight into the sandbox's store.
 */
export const seedSandboxContacts = (bed: RunningSandbox, ghlLocationId: string, count: number) => {
  const { sandbox } = bed;
  const location = sandbox.state.locations.get(ghlLocationId);
  if (!location) throw new Error(`the sandbox has no location ${ghlLocationId}`);
  const fields = [...sandbox.state.customFields.values()].filter(
    (f) => f.locationId === ghlLocationId && f.model === "contact",
  );
  const now = sandbox.clock.now();
  const have = sandbox.state.contacts.count(ghlLocationId);
  const seed = { locationId: ghlLocationId, country: "US", vertical: "dental", fields, users: [] };
  sandbox.state.contacts.insertMany(
    Array.from({ length: Math.max(0, count - have) }, (_, i) =>
      makeContact(sandbox, seed, have + i + 1_000_000, now),
    ),
  );
  return { fields, contacts: sandbox.state.contacts.ofLocation(ghlLocationId) };
};

/** Values that exist in the sandbox's copy of the location, to search for. */
export const sandboxSamples = (
  bed: RunningSandbox,
  ghlLocationId: string,
  field: Samples["field"],
  tags: string[],
): Samples => {
  const contacts = bed.sandbox.state.contacts.ofLocation(ghlLocationId);
  const every = Math.max(1, Math.floor(contacts.length / 200));
  const picked = contacts.filter((_, i) => i % every === 0);
  return {
    emails: picked.flatMap((c) => (c.email ? [c.email] : [])),
    phones: picked.flatMap((c) => (c.phone ? [c.phone] : [])),
    tags,
    field,
  };
};

/**
 * GHL's POST /contacts/search through the app's own path: the catalog operation on the HTTP core
 * (token, rate limiter, call log, retries), for the location as a tenant of the agency.
 */
export const ghlSearcher = async (deps: {
  db: Db;
  tenant: { agencyId: string; locationId: string };
  ghl: () => Promise<GhlRuntime>;
}) => {
  const ctx = await operationContext(deps);
  return (ask: NonNullable<GhlAsk>) => runOperation(CATALOG.searchContacts, ctx, ask);
};
