import { contactFor, int, isRecord, iso, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import {
  addTags,
  createContact,
  deleteContact,
  fieldsFrom,
  normaliseTags,
  removeTags,
  toE164,
  updateContact,
  upsertContact,
} from "./contact-service";
import { renderContact, renderCreatedContact, renderSearchHit } from "./render";
import { searchContacts } from "./search";

const bodyOf = (body: unknown) => (isRecord(body) ? body : {});

const membership = (map: Map<string, Set<string>>, contactId: string) => {
  let set = map.get(contactId);
  if (!set) map.set(contactId, (set = new Set()));
  return set;
};

export const contactsRoutes: RouteTable = {
  "POST /contacts/": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    return {
      status: 201,
      body: { contact: renderCreatedContact(createContact(sandbox, location, input)) },
    };
  },

  "GET /contacts/{contactId}": (sandbox, { params, token }) => ({
    status: 200,
    body: { contact: renderContact(contactFor(sandbox, token, params.contactId)) },
  }),

  "PUT /contacts/{contactId}": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const location = locationFor(sandbox, token, contact.locationId);
    const patch = fieldsFrom(sandbox, location, bodyOf(body), contact);
    return {
      status: 200,
      body: {
        succeded: true,
        contact: renderContact(updateContact(sandbox, location, contact, patch)),
      },
    };
  },

  "DELETE /contacts/{contactId}": (sandbox, { params, token }) => {
    deleteContact(sandbox, contactFor(sandbox, token, params.contactId));
    return { status: 200, body: { succeded: true } };
  },

  "POST /contacts/upsert": (sandbox, { body, token, traceId }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const { contact, created } = upsertContact(sandbox, location, input);
    return { status: 200, body: { new: created, contact: renderContact(contact), traceId } };
  },

  "POST /contacts/search": (sandbox, { body, token, traceId }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const result = searchContacts(sandbox.state.contacts.ofLocation(location.id), input);
    return {
      status: 200,
      body: {
        contacts: result.hits.map((hit) => renderSearchHit(hit.contact, hit.searchAfter)),
        total: result.total,
        traceId,
      },
    };
  },

  "GET /contacts/search/duplicate": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const email = str(query.email);
    const phone = toE164(str(query.number), location.country);
    const match =
      sandbox.state.contacts.findByEmail(location.id, email)[0] ??
      sandbox.state.contacts.findByPhone(location.id, phone)[0] ??
      null;
    return { status: 200, body: { contact: match ? renderContact(match) : null } };
  },

  /** Deprecated list, still used: cursor is (startAfter = dateAdded ms, startAfterId). */
  "GET /contacts/": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const limit = Math.min(Math.max(int(query.limit, 20), 1), 100);
    const after = int(query.startAfter, Number.NEGATIVE_INFINITY);
    const afterId = str(query.startAfterId) ?? "";
    const text = str(query.query)?.toLowerCase();
    const all = [...sandbox.state.contacts.ofLocation(location.id)]
      .filter(
        (c) =>
          !text ||
          `${c.firstName ?? ""} ${c.lastName ?? ""} ${c.email ?? ""} ${c.phone ?? ""}`
            .toLowerCase()
            .includes(text),
      )
      .sort((a, b) => a.dateAdded - b.dateAdded || (a.id < b.id ? -1 : 1));
    const from = all.findIndex(
      (c) => c.dateAdded > after || (c.dateAdded === after && c.id > afterId),
    );
    const page = from < 0 ? [] : all.slice(from, from + limit);
    const last = page.at(-1);
    const hasMore = from >= 0 && from + limit < all.length;
    const nextPageUrl =
      last && hasMore
        ? `${sandbox.baseUrl()}/contacts/?locationId=${location.id}&limit=${limit}&startAfter=${last.dateAdded}&startAfterId=${last.id}`
        : null;
    return {
      status: 200,
      body: {
        contacts: page.map((c) => renderSearchHit(c, [c.dateAdded, c.id])),
        count: all.length,
        meta: {
          total: all.length,
          nextPageUrl,
          startAfterId: hasMore ? (last?.id ?? null) : null,
          startAfter: hasMore ? (last?.dateAdded ?? null) : null,
          currentPage: Math.floor(Math.max(from, 0) / limit) + 1,
          nextPage: hasMore ? Math.floor(from / limit) + 2 : null,
          prevPage: from >= limit ? Math.floor(from / limit) : null,
        },
      },
    };
  },

  "GET /contacts/business/{businessId}": (sandbox, { params, query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const skip = Math.max(int(query.skip, 0), 0);
    const limit = Math.min(Math.max(int(query.limit, 25), 1), 100);
    const all = sandbox.state.contacts
      .ofLocation(location.id)
      .filter((c) => c.businessId === params.businessId);
    return {
      status: 200,
      body: {
        contacts: all.slice(skip, skip + limit).map((c) => renderSearchHit(c, [c.dateAdded, c.id])),
        count: all.length,
      },
    };
  },

  "POST /contacts/bulk/business": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const ids = Array.isArray(input.ids)
      ? input.ids.filter((id): id is string => typeof id === "string")
      : [];
    const businessId = typeof input.businessId === "string" ? input.businessId : null;
    for (const id of ids) {
      const contact = sandbox.state.contacts.get(id);
      if (contact?.locationId === location.id)
        updateContact(sandbox, location, contact, { businessId });
    }
    return { status: 200, body: { success: true, ids } };
  },

  "POST /contacts/{contactId}/tags": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const location = locationFor(sandbox, token, contact.locationId);
    return {
      status: 201,
      body: { tags: addTags(sandbox, location, contact, bodyOf(body).tags).tags },
    };
  },

  "DELETE /contacts/{contactId}/tags": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const location = locationFor(sandbox, token, contact.locationId);
    return {
      status: 200,
      body: { tags: removeTags(sandbox, location, contact, bodyOf(body).tags).tags },
    };
  },

  "POST /contacts/bulk/tags/update/{type}": (sandbox, { params, body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const ids = Array.isArray(input.contacts)
      ? input.contacts.filter((id): id is string => typeof id === "string")
      : [];
    const tags = normaliseTags(input.tags);
    const responses: string[] = [];
    let errorCount = 0;
    for (const id of ids) {
      const contact = sandbox.state.contacts.get(id);
      if (!contact || contact.locationId !== location.id) {
        errorCount++;
        responses.push(`Contact with id ${id} not found`);
        continue;
      }
      if (params.type === "add") addTags(sandbox, location, contact, tags);
      else if (input.removeAllTags === true)
        updateContact(sandbox, location, contact, { tags: [] });
      else removeTags(sandbox, location, contact, tags);
      responses.push(id);
    }
    return { status: 201, body: { succeded: errorCount === 0, errorCount, responses } };
  },

  "POST /contacts/{contactId}/followers": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const location = locationFor(sandbox, token, contact.locationId);
    const added = (
      Array.isArray(bodyOf(body).followers) ? (bodyOf(body).followers as unknown[]) : []
    )
      .filter((f): f is string => typeof f === "string")
      .filter((f) => !contact.followers.includes(f));
    updateContact(sandbox, location, contact, { followers: [...contact.followers, ...added] });
    return { status: 201, body: { followers: contact.followers, followersAdded: added } };
  },

  "DELETE /contacts/{contactId}/followers": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const location = locationFor(sandbox, token, contact.locationId);
    const remove = new Set(
      (Array.isArray(bodyOf(body).followers) ? (bodyOf(body).followers as unknown[]) : []).map(
        String,
      ),
    );
    const removed = contact.followers.filter((f) => remove.has(f));
    updateContact(sandbox, location, contact, {
      followers: contact.followers.filter((f) => !remove.has(f)),
    });
    return { status: 200, body: { followers: contact.followers, followersRemoved: removed } };
  },

  "POST /contacts/{contactId}/campaigns/{campaignId}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const campaign = params.campaignId ? sandbox.state.campaigns.get(params.campaignId) : undefined;
    if (!campaign || campaign.locationId !== contact.locationId)
      throw errors.badRequest("Campaign not found");
    membership(sandbox.state.campaignMembers, contact.id).add(campaign.id);
    return { status: 201, body: { succeded: true } };
  },

  "DELETE /contacts/{contactId}/campaigns/removeAll": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    sandbox.state.campaignMembers.delete(contact.id);
    return { status: 200, body: { succeded: true } };
  },

  "DELETE /contacts/{contactId}/campaigns/{campaignId}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    membership(sandbox.state.campaignMembers, contact.id).delete(params.campaignId ?? "");
    return { status: 200, body: { succeded: true } };
  },

  "POST /contacts/{contactId}/workflow/{workflowId}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const workflow = params.workflowId ? sandbox.state.workflows.get(params.workflowId) : undefined;
    if (!workflow || workflow.locationId !== contact.locationId)
      throw errors.badRequest("Workflow not found");
    membership(sandbox.state.workflowMembers, contact.id).add(workflow.id);
    return { status: 200, body: { succeded: true } };
  },

  "DELETE /contacts/{contactId}/workflow/{workflowId}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    membership(sandbox.state.workflowMembers, contact.id).delete(params.workflowId ?? "");
    return { status: 200, body: { succeded: true } };
  },

  "GET /contacts/{contactId}/appointments": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const stamp = (ms: number) => iso(ms).replace("T", " ").slice(0, 19);
    const events = [...sandbox.state.appointments.values()]
      .filter((a) => a.contactId === contact.id)
      .sort((a, b) => a.startTime - b.startTime)
      .map((a) => ({
        id: a.id,
        calendarId: a.calendarId,
        status: a.status,
        title: a.title,
        assignedUserId: a.assignedUserId ?? undefined,
        notes: a.notes ?? undefined,
        startTime: stamp(a.startTime),
        endTime: stamp(a.endTime),
        address: a.address ?? undefined,
        locationId: a.locationId,
        contactId: a.contactId,
        appointmentStatus: a.status,
        users: a.assignedUserId ? [a.assignedUserId] : [],
        dateAdded: iso(a.dateAdded),
        dateUpdated: iso(a.dateUpdated),
        assignedResources: [],
      }));
    return { status: 200, body: { events } };
  },
};
