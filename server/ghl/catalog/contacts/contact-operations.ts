import { z } from "zod";

import { ZGhlContactRecord } from "../../../sync/contacts/contact-record";
import { defineOperation } from "../define-operation";
import { ZContactCreateFields, ZContactUpdateFields } from "./contact-fields";

const VERSION = "2021-07-28";
const zContactId = z.string().trim().min(1).max(100);
const path = (contactId: string, rest = "") => `/contacts/${encodeURIComponent(contactId)}${rest}`;
const ZContactEnvelope = z.object({ contact: ZGhlContactRecord });
const ZSucceeded = z.looseObject({ succeded: z.boolean().optional() });

export const getContact = defineOperation({
  id: "contacts.get",
  title: "Get contact",
  description: "One contact, read from GoHighLevel.",
  scopes: ["contacts.readonly"],
  ghlCalls: 1,
  mutates: false,
  input: z.strictObject({ contactId: zContactId }),
  output: ZGhlContactRecord,
  run: async ({ http, target }, { contactId }) =>
    (
      await http.request({
        target,
        operation: "contacts.get",
        method: "GET",
        path: path(contactId),
        version: VERSION,
        schema: ZContactEnvelope,
      })
    ).contact,
});

export const createContact = defineOperation({
  id: "contacts.create",
  title: "Create contact",
  description:
    "Creates a contact. GoHighLevel refuses a duplicate (same email or phone) when the location does not allow duplicates.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: ZContactCreateFields,
  output: ZGhlContactRecord,
  run: async ({ http, target, ghlLocationId }, fields) =>
    (
      await http.request({
        target,
        operation: "contacts.create",
        method: "POST",
        path: "/contacts/",
        body: { ...fields, locationId: ghlLocationId },
        version: VERSION,
        schema: ZContactEnvelope,
      })
    ).contact,
});

export const updateContact = defineOperation({
  id: "contacts.update",
  title: "Update contact",
  description: "Changes the given fields of a contact; tags given here replace the contact's tags.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: z.strictObject({ contactId: zContactId, fields: ZContactUpdateFields }),
  output: ZGhlContactRecord,
  run: async ({ http, target }, { contactId, fields }) =>
    (
      await http.request({
        target,
        operation: "contacts.update",
        method: "PUT",
        path: path(contactId),
        body: fields,
        version: VERSION,
        schema: ZContactEnvelope,
      })
    ).contact,
});

export const deleteContact = defineOperation({
  id: "contacts.delete",
  title: "Delete contact",
  description: "Deletes a contact in GoHighLevel.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: z.strictObject({ contactId: zContactId }),
  output: z.object({ deleted: z.boolean() }),
  run: async ({ http, target }, { contactId }) => {
    const answer = await http.request({
      target,
      operation: "contacts.delete",
      method: "DELETE",
      path: path(contactId),
      version: VERSION,
      schema: ZSucceeded,
    });
    return { deleted: answer.succeded !== false };
  },
});

export const upsertContact = defineOperation({
  id: "contacts.upsert",
  title: "Create or update contact",
  description:
    "Finds the contact by the location's duplicate rules (email, then phone) and updates it, or creates one.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: ZContactCreateFields,
  output: z.object({ created: z.boolean(), contact: ZGhlContactRecord }),
  run: async ({ http, target, ghlLocationId }, fields) => {
    const answer = await http.request({
      target,
      operation: "contacts.upsert",
      method: "POST",
      path: "/contacts/upsert",
      body: { ...fields, locationId: ghlLocationId },
      version: VERSION,
      schema: z.object({ new: z.boolean().optional(), contact: ZGhlContactRecord }),
    });
    return { created: answer.new === true, contact: answer.contact };
  },
});

const ZSearchFilter: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.strictObject({
      field: z.string().min(1).max(100),
      operator: z.enum([
        "eq",
        "not_eq",
        "contains",
        "not_contains",
        "exists",
        "not_exists",
        "range",
      ]),
      value: z.unknown().optional(),
    }),
    z.strictObject({ group: z.enum(["AND", "OR"]), filters: z.array(ZSearchFilter).max(20) }),
  ]),
);

export const searchContacts = defineOperation({
  id: "contacts.search",
  title: "Search contacts in GoHighLevel",
  description:
    "POST /contacts/search: filters, sort and a searchAfter cursor. Sweeps use it; people search the mirror.",
  scopes: ["contacts.readonly"],
  ghlCalls: 1,
  mutates: false,
  input: z.strictObject({
    query: z.string().max(200).optional(),
    filters: z.array(ZSearchFilter).max(20).optional(),
    sort: z
      .array(z.strictObject({ field: z.string().max(100), direction: z.enum(["asc", "desc"]) }))
      .max(3)
      .optional(),
    pageLimit: z.number().int().min(1).max(500).default(100),
    page: z.number().int().min(1).optional(),
    searchAfter: z
      .array(z.union([z.string(), z.number()]))
      .max(5)
      .optional(),
  }),
  output: z.object({
    contacts: z.array(
      ZGhlContactRecord.extend({
        searchAfter: z.array(z.union([z.string(), z.number()])).optional(),
      }),
    ),
    total: z.number().nullable(),
  }),
  run: async ({ http, target, ghlLocationId }, input) => {
    const answer = await http.request({
      target,
      operation: "contacts.search",
      method: "POST",
      path: "/contacts/search",
      body: { ...input, locationId: ghlLocationId },
      version: VERSION,
      schema: z.object({
        contacts: z.array(z.unknown()),
        total: z.number().optional(),
      }),
    });
    // Hits are read one by one: a hit without an id is dropped, not the page.
    const contacts = answer.contacts.flatMap((hit) => {
      const parsed = ZGhlContactRecord.extend({
        searchAfter: z.array(z.union([z.string(), z.number()])).optional(),
      }).safeParse(hit);
      return parsed.success ? [parsed.data] : [];
    });
    return { contacts, total: answer.total ?? null };
  },
});

const ZTags = z.array(z.string().trim().min(1).max(100)).min(1).max(100);

/** Adding and removing tags are one GHL endpoint; only the method differs. */
const contactTagsOperation = ({
  id,
  title,
  description,
  method,
}: {
  id: string;
  title: string;
  description: string;
  method: "POST" | "DELETE";
}) =>
  defineOperation({
    id,
    title,
    description,
    scopes: ["contacts.write"],
    ghlCalls: 1,
    mutates: true,
    input: z.strictObject({ contactId: zContactId, tags: ZTags }),
    output: z.object({ tags: z.array(z.string()) }),
    run: async ({ http, target }, { contactId, tags }) =>
      http.request({
        target,
        operation: id,
        method,
        path: path(contactId, "/tags"),
        body: { tags },
        version: VERSION,
        schema: z.object({ tags: z.array(z.string()) }),
      }),
  });

export const addContactTags = contactTagsOperation({
  id: "contacts.tags.add",
  title: "Add tags",
  description: "Adds tags to a contact (tags it already has are kept).",
  method: "POST",
});

export const removeContactTags = contactTagsOperation({
  id: "contacts.tags.remove",
  title: "Remove tags",
  description: "Removes tags from a contact.",
  method: "DELETE",
});

export const bulkUpdateTags = defineOperation({
  id: "contacts.tags.bulk",
  title: "Bulk add or remove tags",
  description:
    "Adds or removes tags on up to 100 contacts of one location in one GoHighLevel call.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: z.strictObject({
    action: z.enum(["add", "remove"]),
    contactIds: z.array(zContactId).min(1).max(100),
    tags: ZTags,
  }),
  output: z.object({ errorCount: z.number() }),
  run: async ({ http, target, ghlLocationId }, { action, contactIds, tags }) => {
    const answer = await http.request({
      target,
      operation: "contacts.tags.bulk",
      method: "POST",
      path: `/contacts/bulk/tags/update/${action}`,
      body: { contacts: contactIds, tags, locationId: ghlLocationId },
      version: VERSION,
      schema: z.looseObject({ errorCount: z.number().optional() }),
    });
    return { errorCount: answer.errorCount ?? 0 };
  },
});
