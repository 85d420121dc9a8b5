import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import { client, expectContract, locationToken, startSandbox } from "../../testing/harness";

const LOCATION = "AustinDentalStudio01";
const OTHER_LOCATION = "HarborLegalGroup0001";

let running: RunningSandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  running = await startSandbox();
  api = client(running, locationToken(running, LOCATION));
});
afterAll(() => running?.close());

const createContact = async (fields: Record<string, unknown>) => {
  const response = await api.post("/contacts/", { locationId: LOCATION, ...fields });
  expect(response.status).toBe(201);
  return (response.json.contact as { id: string }).id;
};

describe("contacts", () => {
  it("creates, reads, updates and deletes a contact", async () => {
    const created = await api.post("/contacts/", {
      locationId: LOCATION,
      firstName: "Rosa",
      lastName: "Diaz",
      email: "Rosa.Diaz@Example.com",
      phone: "+15125559876",
      tags: ["VIP ", "vip", "Referral"],
    });
    await expectContract("POST /contacts/", created, 201);
    const contact = created.json.contact as { id: string; email: string; tags: string[] };
    expect(contact.email).toBe("rosa.diaz@example.com");
    expect(contact.tags).toEqual(["vip", "referral"]);

    await expectContract(
      "GET /contacts/{contactId}",
      await api.get(`/contacts/${contact.id}`),
      200,
    );
    const updated = await api.put(`/contacts/${contact.id}`, {
      city: "Austin",
      tags: ["customer"],
    });
    await expectContract("PUT /contacts/{contactId}", updated, 200);
    expect(updated.json).toMatchObject({
      succeded: true,
      contact: { city: "Austin", tags: ["customer"] },
    });

    await expectContract(
      "DELETE /contacts/{contactId}",
      await api.delete(`/contacts/${contact.id}`),
      200,
    );
    const gone = await api.get(`/contacts/${contact.id}`);
    expect(gone.status).toBe(400);
    expect(gone.json.message).toBe(`Contact with id ${contact.id} not found`);
  });

  it("refuses a duplicate with GHL's 400 carrying the existing contact's id", async () => {
    const id = await createContact({ firstName: "Dup", email: "dup.check@example.com" });
    const again = await api.post("/contacts/", {
      locationId: LOCATION,
      firstName: "Other",
      email: "DUP.check@example.com",
    });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({
      statusCode: 400,
      message: "This location does not allow duplicated contacts.",
      meta: { contactId: id, matchingField: "email" },
    });
  });

  it("upserts by email, then phone", async () => {
    const first = await api.post("/contacts/upsert", {
      locationId: LOCATION,
      email: "upsert.me@example.com",
      firstName: "Up",
    });
    await expectContract("POST /contacts/upsert", first, 200);
    expect(first.json.new).toBe(true);
    const id = (first.json.contact as { id: string }).id;
    const second = await api.post("/contacts/upsert", {
      locationId: LOCATION,
      email: "upsert.me@example.com",
      lastName: "Sert",
    });
    expect(second.json).toMatchObject({
      new: false,
      contact: { id, firstName: "Up", lastName: "Sert" },
    });
    await api.put(`/contacts/${id}`, { phone: "+15125551212" });
    const byPhone = await api.post("/contacts/upsert", {
      locationId: LOCATION,
      phone: "(512) 555-1212",
      city: "Round Rock",
    });
    expect(byPhone.json).toMatchObject({ new: false, contact: { id, city: "Round Rock" } });
  });

  it("answers 422 with class-validator messages for a body missing required fields", async () => {
    const response = await api.post("/contacts/", { firstName: 42 });
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({ statusCode: 422, error: "Unprocessable Entity" });
    expect(response.json.message).toEqual(
      expect.arrayContaining(["locationId should not be empty", "firstName must be a string"]),
    );
  });

  it("searches with filters and pages to the last page with searchAfter", async () => {
    const total = running.sandbox.state.contacts.count(LOCATION);
    const seen = new Set<string>();
    let searchAfter: unknown[] | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const response = await api.post("/contacts/search", {
        locationId: LOCATION,
        pageLimit: 100,
        sort: [{ field: "dateUpdated", direction: "asc" }],
        ...(searchAfter ? { searchAfter } : {}),
      });
      await expectContract("POST /contacts/search", response, 200);
      const hits = response.json.contacts as { id: string; searchAfter: unknown[] }[];
      expect(response.json.total).toBe(total);
      for (const hit of hits) seen.add(hit.id);
      if (hits.length < 100) break;
      searchAfter = hits.at(-1)?.searchAfter;
    }
    expect(seen.size).toBe(total);

    const tagged = await api.post("/contacts/search", {
      locationId: LOCATION,
      pageLimit: 20,
      filters: [{ field: "tags", operator: "eq", value: "vip" }],
    });
    const hits = tagged.json.contacts as { tags: string[] }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.tags.includes("vip"))).toBe(true);
  });

  it("rejects unknown search fields and a missing pageLimit as GHL does", async () => {
    const badField = await api.post("/contacts/search", {
      locationId: LOCATION,
      pageLimit: 10,
      filters: [{ field: "contact_name", operator: "eq", value: "x" }],
    });
    expect(badField.status).toBe(400);
    expect(badField.json.message).toBe("Invalid field contact_name");
    expect((await api.post("/contacts/search", { locationId: LOCATION })).status).toBe(422);
  });

  it("lists with the deprecated cursor API to the end", async () => {
    const total = running.sandbox.state.contacts.count(LOCATION);
    let query: Record<string, string> = { locationId: LOCATION, limit: "100" };
    let count = 0;
    for (let pages = 0; pages < 50; pages++) {
      const response = await api.get("/contacts/", query);
      await expectContract("GET /contacts/", response, 200);
      count += (response.json.contacts as unknown[]).length;
      const meta = response.json.meta as { startAfter: number | null; startAfterId: string | null };
      if (!meta.startAfterId) break;
      query = { ...query, startAfter: String(meta.startAfter), startAfterId: meta.startAfterId };
    }
    expect(count).toBe(total);
  });

  it("finds duplicates by email or number", async () => {
    const id = await createContact({ email: "find.me@example.com", phone: "+15125550001" });
    const byEmail = await api.get("/contacts/search/duplicate", {
      locationId: LOCATION,
      email: "find.me@example.com",
    });
    await expectContract("GET /contacts/search/duplicate", byEmail, 200);
    expect(byEmail.json.contact).toMatchObject({ id });
    const byNumber = await api.get("/contacts/search/duplicate", {
      locationId: LOCATION,
      number: "+15125550001",
    });
    expect(byNumber.json.contact).toMatchObject({ id });
  });

  it("adds and removes tags, singly and in bulk", async () => {
    const id = await createContact({ firstName: "Tagged", tags: ["one"] });
    const added = await api.post(`/contacts/${id}/tags`, { tags: ["Two", "three"] });
    await expectContract("POST /contacts/{contactId}/tags", added, 201);
    expect(added.json.tags).toEqual(["one", "two", "three"]);
    const removed = await api.delete(`/contacts/${id}/tags`, { tags: ["one"] });
    await expectContract("DELETE /contacts/{contactId}/tags", removed, 200);
    expect(removed.json.tags).toEqual(["two", "three"]);

    const other = await createContact({ firstName: "Bulk" });
    const bulk = await api.post("/contacts/bulk/tags/update/add", {
      locationId: LOCATION,
      contacts: [id, other, "missing0000000000000"],
      tags: ["bulk"],
    });
    await expectContract("POST /contacts/bulk/tags/update/{type}", bulk, 201);
    expect(bulk.json).toMatchObject({ succeded: false, errorCount: 1 });
    expect((await api.get(`/contacts/${other}`)).json.contact).toMatchObject({ tags: ["bulk"] });
  });

  it("manages notes and tasks", async () => {
    const id = await createContact({ firstName: "Noted" });
    const note = await api.post(`/contacts/${id}/notes`, { body: "Called about pricing" });
    await expectContract("POST /contacts/{contactId}/notes", note, 201);
    const noteId = (note.json.note as { id: string }).id;
    await expectContract(
      "GET /contacts/{contactId}/notes",
      await api.get(`/contacts/${id}/notes`),
      200,
    );
    await expectContract(
      "GET /contacts/{contactId}/notes/{id}",
      await api.get(`/contacts/${id}/notes/${noteId}`),
      200,
    );
    await expectContract(
      "PUT /contacts/{contactId}/notes/{id}",
      await api.put(`/contacts/${id}/notes/${noteId}`, { body: "Edited" }),
      200,
    );
    await expectContract(
      "DELETE /contacts/{contactId}/notes/{id}",
      await api.delete(`/contacts/${id}/notes/${noteId}`),
      200,
    );

    const task = await api.post(`/contacts/${id}/tasks`, {
      title: "Call back",
      dueDate: "2026-12-01T10:00:00Z",
      completed: false,
    });
    await expectContract("POST /contacts/{contactId}/tasks", task, 201);
    const taskId = (task.json.task as { id: string }).id;
    await expectContract(
      "GET /contacts/{contactId}/tasks",
      await api.get(`/contacts/${id}/tasks`),
      200,
    );
    await expectContract(
      "GET /contacts/{contactId}/tasks/{taskId}",
      await api.get(`/contacts/${id}/tasks/${taskId}`),
      200,
    );
    await expectContract(
      "PUT /contacts/{contactId}/tasks/{taskId}",
      await api.put(`/contacts/${id}/tasks/${taskId}`, { title: "Call back today" }),
      200,
    );
    const done = await api.put(`/contacts/${id}/tasks/${taskId}/completed`, { completed: true });
    await expectContract("PUT /contacts/{contactId}/tasks/{taskId}/completed", done, 200);
    expect(done.json.task).toMatchObject({ completed: true });
    await expectContract(
      "DELETE /contacts/{contactId}/tasks/{taskId}",
      await api.delete(`/contacts/${id}/tasks/${taskId}`),
      200,
    );
  });

  it("follows, enrolls in campaigns and workflows, and lists appointments", async () => {
    const id = await createContact({ firstName: "Enrolled" });
    const followers = await api.post(`/contacts/${id}/followers`, {
      followers: ["user00000000000000001"],
    });
    await expectContract("POST /contacts/{contactId}/followers", followers, 201);
    await expectContract(
      "DELETE /contacts/{contactId}/followers",
      await api.delete(`/contacts/${id}/followers`, { followers: ["user00000000000000001"] }),
      200,
    );

    const { state } = running.sandbox;
    state.campaigns.set("campaign000000000001", {
      id: "campaign000000000001",
      locationId: LOCATION,
      name: "Recall",
      status: "published",
    });
    state.workflows.set("9b2f7c1e-0000-4000-8000-000000000001", {
      id: "9b2f7c1e-0000-4000-8000-000000000001",
      locationId: LOCATION,
      name: "Welcome",
      status: "published",
      version: 1,
      createdAt: 0,
      updatedAt: 0,
    });
    await expectContract(
      "POST /contacts/{contactId}/campaigns/{campaignId}",
      await api.post(`/contacts/${id}/campaigns/campaign000000000001`),
      201,
    );
    await expectContract(
      "DELETE /contacts/{contactId}/campaigns/{campaignId}",
      await api.delete(`/contacts/${id}/campaigns/campaign000000000001`),
      200,
    );
    await expectContract(
      "DELETE /contacts/{contactId}/campaigns/removeAll",
      await api.delete(`/contacts/${id}/campaigns/removeAll`),
      200,
    );
    const wf = "/contacts/" + id + "/workflow/9b2f7c1e-0000-4000-8000-000000000001";
    await expectContract(
      "POST /contacts/{contactId}/workflow/{workflowId}",
      await api.post(wf, {}),
      200,
    );
    expect(state.workflowMembers.get(id)?.has("9b2f7c1e-0000-4000-8000-000000000001")).toBe(true);
    await expectContract(
      "DELETE /contacts/{contactId}/workflow/{workflowId}",
      await api.delete(wf, {}),
      200,
    );
    await expectContract(
      "GET /contacts/{contactId}/appointments",
      await api.get(`/contacts/${id}/appointments`),
      200,
    );
  });

  it("groups contacts under a business", async () => {
    const id = await createContact({ firstName: "Biz" });
    const moved = await api.post("/contacts/bulk/business", {
      locationId: LOCATION,
      ids: [id],
      businessId: "6578278e879ad2646715ba9c",
    });
    await expectContract("POST /contacts/bulk/business", moved, 200);
    const listed = await api.get("/contacts/business/6578278e879ad2646715ba9c", {
      locationId: LOCATION,
    });
    await expectContract("GET /contacts/business/{businessId}", listed, 200);
    expect(listed.json.count).toBe(1);
  });

  it("keeps a location token inside its location", async () => {
    const foreign = running.sandbox.state.contacts.ofLocation(OTHER_LOCATION)[0]!;
    const response = await api.get(`/contacts/${foreign.id}`);
    expect(response.status).toBe(403);
    expect(response.json.message).toBe("The token does not have access to this location.");
    expect(
      (await api.post("/contacts/", { locationId: OTHER_LOCATION, firstName: "x" })).status,
    ).toBe(403);
  });
});
