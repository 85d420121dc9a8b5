import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import { ofLocation } from "../../store/state";
import { client, expectContract, locationToken, startSandbox } from "../../testing/harness";

const LOCATION = "AustinDentalStudio01";
const OTHER_LOCATION = "HarborLegalGroup0001";

type Stage = { id: string; name: string; position: number };
type Pipeline = { id: string; name: string; stages: Stage[] };
type Opp = { id: string; status: string; pipelineStageId: string; contact?: { id: string } };

let running: RunningSandbox;
let api: ReturnType<typeof client>;
let pipelines: Pipeline[];

const contactIds = () => running.sandbox.state.contacts.ofLocation(LOCATION).map((c) => c.id);
const freshContact = async () => {
  const response = await api.post("/contacts/", { locationId: LOCATION, firstName: "Deal" });
  return (response.json.contact as { id: string }).id;
};

beforeAll(async () => {
  running = await startSandbox();
  api = client(running, locationToken(running, LOCATION));
  const listed = await api.get("/opportunities/pipelines", { locationId: LOCATION });
  await expectContract("GET /opportunities/pipelines", listed, 200);
  pipelines = listed.json.pipelines as Pipeline[];
});
afterAll(() => running?.close());

const create = async (fields: Record<string, unknown> = {}) => {
  const response = await api.post("/opportunities/", {
    locationId: LOCATION,
    pipelineId: pipelines[0]!.id,
    contactId: contactIds()[0],
    name: "Test deal",
    status: "open",
    ...fields,
  });
  await expectContract("POST /opportunities/", response, 201);
  return response.json.opportunity as Opp & Record<string, unknown>;
};

describe("opportunities", () => {
  it("lists pipelines with uuid stages in position order, and lost reasons", async () => {
    expect(pipelines.length).toBeGreaterThanOrEqual(1);
    const stages = pipelines[0]!.stages;
    expect(stages[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(stages.map((s) => s.position)).toEqual([...stages.keys()]);

    const reasons = await api.get("/opportunities/lost-reason", {
      locationId: LOCATION,
      getCount: "true",
    });
    await expectContract("GET /opportunities/lost-reason", reasons, 200);
    expect(reasons.json.total).toBeGreaterThan(2);
    const named = await api.get("/opportunities/lost-reason", {
      locationId: LOCATION,
      query: "price",
    });
    expect(named.json.lostReasons).toHaveLength(1);
  });

  it("creates, reads, updates and deletes an opportunity", async () => {
    const contactId = contactIds()[1]!;
    const created = await create({ contactId, monetaryValue: 1200, name: "Invisalign" });
    expect(created).toMatchObject({
      name: "Invisalign",
      monetaryValue: 1200,
      status: "open",
      pipelineStageId: pipelines[0]!.stages[0]!.id,
      contact: { id: contactId },
    });

    const read = await api.get(`/opportunities/${created.id}`);
    await expectContract("GET /opportunities/{id}", read, 200);

    const stage = pipelines[0]!.stages[2]!.id;
    const updated = await api.put(`/opportunities/${created.id}`, {
      pipelineStageId: stage,
      monetaryValue: 1500,
    });
    await expectContract("PUT /opportunities/{id}", updated, 200);
    expect(updated.json.opportunity).toMatchObject({ pipelineStageId: stage, monetaryValue: 1500 });

    const reason = running.sandbox.state.locations.get(LOCATION)!;
    const lostReasonId = (
      (await api.get("/opportunities/lost-reason", { locationId: reason.id })).json.lostReasons as {
        id: string;
      }[]
    )[0]!.id;
    const status = await api.put(`/opportunities/${created.id}/status`, {
      status: "lost",
      lostReasonId,
    });
    await expectContract("PUT /opportunities/{id}/status", status, 200);
    expect(status.json).toEqual({ succeded: true });
    expect((await api.get(`/opportunities/${created.id}`)).json.opportunity).toMatchObject({
      status: "lost",
      lostReasonId,
    });

    const deleted = await api.delete(`/opportunities/${created.id}`);
    await expectContract("DELETE /opportunities/{id}", deleted, 200);
    const gone = await api.get(`/opportunities/${created.id}`);
    expect(gone.status).toBe(400);
  });

  it("stores custom fields and reads them back as {id, fieldValue}", async () => {
    const field = [...running.sandbox.state.customFields.values()].find(
      (f) => f.locationId === LOCATION && f.model === "opportunity",
    )!;
    const created = await create({
      contactId: contactIds()[2],
      customFields: [{ key: "expected_close", field_value: "2026-09-01" }],
    });
    expect(created.customFields).toEqual([{ id: field.id, fieldValue: "2026-09-01" }]);
  });

  it("upserts by id, then by contact and pipeline, and manages followers", async () => {
    const contactId = await freshContact();
    const first = await api.post("/opportunities/upsert", {
      locationId: LOCATION,
      pipelineId: pipelines[0]!.id,
      contactId,
      name: "Whitening",
      status: "open",
      monetaryValue: 400,
    });
    await expectContract("POST /opportunities/upsert", first, 200);
    expect(first.json.new).toBe(true);
    const id = (first.json.opportunity as Opp).id;
    const again = await api.post("/opportunities/upsert", {
      locationId: LOCATION,
      pipelineId: pipelines[0]!.id,
      contactId,
      monetaryValue: 450,
    });
    expect(again.json).toMatchObject({ new: false, opportunity: { id, monetaryValue: 450 } });
    const byId = await api.post("/opportunities/upsert", {
      locationId: LOCATION,
      pipelineId: pipelines[0]!.id,
      id,
      status: "won",
    });
    expect(byId.json).toMatchObject({ new: false, opportunity: { id, status: "won" } });

    const added = await api.post(`/opportunities/${id}/followers`, { followers: ["u1", "u2"] });
    await expectContract("POST /opportunities/{id}/followers", added, 201);
    expect(added.json).toEqual({ followers: ["u1", "u2"], followersAdded: ["u1", "u2"] });
    const removed = await api.delete(`/opportunities/${id}/followers`, { followers: ["u1"] });
    await expectContract("DELETE /opportunities/{id}/followers", removed, 200);
    expect(removed.json).toEqual({ followers: ["u2"], followersRemoved: ["u1"] });
  });

  it("searches by query string and by body", async () => {
    const byQuery = await api.get("/opportunities/search", {
      location_id: LOCATION,
      status: "won",
    });
    await expectContract("GET /opportunities/search", byQuery, 200);
    expect((byQuery.json.opportunities as Opp[]).every((o) => o.status === "won")).toBe(true);
    const byBody = await api.post("/opportunities/search", {
      locationId: LOCATION,
      query: "",
      limit: 5,
      page: 1,
      searchAfter: [],
      additionalDetails: {
        notes: true,
        tasks: true,
        calendarEvents: true,
        unReadConversations: false,
      },
    });
    await expectContract("POST /opportunities/search", byBody, 200);
    expect(byBody.json.opportunities).toHaveLength(5);
  });

  it("validates bodies, pipeline stages, contacts and statuses", async () => {
    const missing = await api.post("/opportunities/", { locationId: LOCATION, name: 5 });
    await expectContract("POST /opportunities/", missing, 422);
    expect(missing.json.message).toEqual(
      expect.arrayContaining(["pipelineId should not be empty", "name must be a string"]),
    );
    const base = { locationId: LOCATION, pipelineId: pipelines[0]!.id, name: "x", status: "open" };
    const foreignStage = pipelines[1]?.stages[0]?.id ?? "9d1c0b7e-0000-4000-8000-000000000000";
    const badStage = await api.post("/opportunities/", {
      ...base,
      contactId: contactIds()[4],
      pipelineStageId: foreignStage,
    });
    await expectContract("POST /opportunities/", badStage, 400);
    const foreignContact = running.sandbox.state.contacts.ofLocation(OTHER_LOCATION)[0]!.id;
    const badContact = await api.post("/opportunities/", { ...base, contactId: foreignContact });
    expect(badContact.status).toBe(400);
    expect(badContact.json.message).toBe(`Contact with id ${foreignContact} not found`);
    const all = await api.post("/opportunities/", {
      ...base,
      contactId: contactIds()[4],
      status: "all",
    });
    expect(all.status).toBe(422);
  });

  it("allows one open opportunity per contact and pipeline when duplicates are off", async () => {
    const location = running.sandbox.state.locations.get(LOCATION)!;
    location.settings.allowDuplicateOpportunity = false;
    try {
      const contactId = await freshContact();
      await create({ contactId });
      const duplicate = await api.post("/opportunities/", {
        locationId: LOCATION,
        pipelineId: pipelines[0]!.id,
        contactId,
        name: "Second",
        status: "open",
      });
      expect(duplicate.status).toBe(400);
      expect(duplicate.json.message).toBe("Can not create duplicate opportunity for the contact.");
    } finally {
      location.settings.allowDuplicateOpportunity = true;
    }
  });

  it("keeps a location token inside its location", async () => {
    const foreign = ofLocation(running.sandbox.state.opportunities, OTHER_LOCATION)[0]!;
    const response = await api.get(`/opportunities/${foreign.id}`);
    expect(response.status).toBe(403);
    expect(response.json.message).toBe("The token does not have access to this location.");
    expect((await api.get("/opportunities/search", { location_id: OTHER_LOCATION })).status).toBe(
      403,
    );
    expect((await api.put(`/opportunities/${foreign.id}/status`, { status: "won" })).status).toBe(
      403,
    );
  });
});
