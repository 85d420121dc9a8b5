import type { Db } from "../../db/types";
import { notFound } from "../../errors";
import type { AgencyTenant, LocationTenant } from "../../tenancy";
import { accessOf } from "../webhooks/webhooks.service";
import { searchAgencyContacts, listContactPage } from "./contacts-search.repo";
import { findContact, listFieldDefinitions, listTagCounts } from "./contacts.repo";
import type { TListContactsInput, TSearchAllInput } from "./contacts.schemas";

type ReadDeps = { db: Db; tenant: LocationTenant };

/** A live contact of the caller's location; anything else (another tenant's, deleted) is NOT_FOUND. */
export const requireContact = async ({ db, tenant }: ReadDeps, contactId: string) => {
  const contact = await findContact(db, tenant, contactId);
  if (!contact) throw notFound({ type: "contact", id: contactId });
  return contact;
};

export const listContacts = ({ db, tenant }: ReadDeps, input: TListContactsInput) =>
  listContactPage(db, tenant, {
    search: input.search,
    // Relevance only means something while searching; otherwise newest first.
    sort: input.sort === "relevance" && !input.search ? "dateUpdated" : input.sort,
    direction: input.direction,
    filters: input.filters,
    page: input.page,
    pageSize: input.pageSize,
  });

export const getContactDetail = async (deps: ReadDeps, contactId: string) => {
  const [contact, fieldDefinitions] = await Promise.all([
    requireContact(deps, contactId),
    listFieldDefinitions(deps.db, deps.tenant),
  ]);
  return { contact, fieldDefinitions, canAdmin: deps.tenant.locationRole === "admin" };
};

export const getFilterOptions = async ({ db, tenant }: ReadDeps) => {
  const [tags, customFields] = await Promise.all([
    listTagCounts(db, tenant),
    listFieldDefinitions(db, tenant),
  ]);
  return { tags, customFields };
};

/** Agency-wide search: every location for owners and admins, granted ones for members. */
export const searchAllContacts = async (
  { db, tenant }: { db: Db; tenant: AgencyTenant },
  input: TSearchAllInput,
) => {
  const access = await accessOf(db, tenant);
  return searchAgencyContacts(
    db,
    { agencyId: tenant.agencyId, locationIds: access.admin ? null : [...access.roles.keys()] },
    input,
  );
};
