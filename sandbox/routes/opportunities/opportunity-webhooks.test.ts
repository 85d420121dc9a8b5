import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import { ofLocation } from "../../store/state";
import { client, locationToken, startSandbox } from "../../testing/harness";

const LOCATION = "BrightsideRoofing001";

type Event = Record<string, unknown> & { type: string };

let receiver: Server;
let received: Event[] = [];
let running: RunningSandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      received.push(JSON.parse(raw) as Event);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  running = await startSandbox({ appWebhookUrl: `http://127.0.0.1:${port}/webhooks` });
  const { state } = running.sandbox;
  state.installations.push({
    appId: state.apps.values().next().value!.appId,
    companyId: state.locations.get(LOCATION)!.companyId,
    locationId: LOCATION,
    installToFutureLocations: false,
    installedAt: 0,
  });
  api = client(running, locationToken(running, LOCATION));
});
afterAll(async () => {
  await running?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});
beforeEach(() => {
  received = [];
});

const types = async () => {
  await running.control.webhooks.idle();
  return received.map((e) => e.type).sort();
};

describe("opportunity webhooks", () => {
  const seeded = () => ofLocation(running.sandbox.state.opportunities, LOCATION);

  it("sends OpportunityCreate with the documented payload", async () => {
    const pipeline = ofLocation(running.sandbox.state.pipelines, LOCATION)[0]!;
    const contactId = running.sandbox.state.contacts.ofLocation(LOCATION)[0]!.id;
    const created = await api.post("/opportunities/", {
      locationId: LOCATION,
      pipelineId: pipeline.id,
      contactId,
      name: "Roof replacement",
      status: "open",
      monetaryValue: 14500,
    });
    expect(await types()).toEqual(["OpportunityCreate"]);
    expect(received[0]).toMatchObject({
      type: "OpportunityCreate",
      locationId: LOCATION,
      id: (created.json.opportunity as { id: string }).id,
      contactId,
      monetaryValue: 14500,
      name: "Roof replacement",
      pipelineId: pipeline.id,
      pipelineStageId: pipeline.stages[0]!.id,
      status: "open",
      dateAdded: expect.any(String) as string,
      webhookId: expect.any(String) as string,
    });
  });

  it("sends OpportunityStageUpdate when the stage moves", async () => {
    const opportunity = seeded().find((o) => o.status === "open")!;
    const pipeline = running.sandbox.state.pipelines.get(opportunity.pipelineId)!;
    const stage = pipeline.stages.find((s) => s.id !== opportunity.pipelineStageId)!;
    await api.put(`/opportunities/${opportunity.id}`, { pipelineStageId: stage.id });
    expect(await types()).toEqual(["OpportunityStageUpdate", "OpportunityUpdate"]);
    expect(received.find((e) => e.type === "OpportunityStageUpdate")).toMatchObject({
      id: opportunity.id,
      pipelineStageId: stage.id,
    });
  });

  it("sends OpportunityStatusUpdate from the status endpoint", async () => {
    const opportunity = seeded().find((o) => o.status === "open")!;
    await api.put(`/opportunities/${opportunity.id}/status`, { status: "won" });
    expect(await types()).toEqual(["OpportunityStatusUpdate", "OpportunityUpdate"]);
    expect(received.find((e) => e.type === "OpportunityStatusUpdate")).toMatchObject({
      id: opportunity.id,
      status: "won",
    });
  });

  it("sends value and assignee updates, and nothing narrow for a rename", async () => {
    const opportunity = seeded().find((o) => o.status === "open")!;
    await api.put(`/opportunities/${opportunity.id}`, {
      monetaryValue: opportunity.monetaryValue + 100,
      assignedTo: "NewOwner000000000001",
    });
    expect(await types()).toEqual([
      "OpportunityAssignedToUpdate",
      "OpportunityMonetaryValueUpdate",
      "OpportunityUpdate",
    ]);
    received = [];
    await api.put(`/opportunities/${opportunity.id}`, { name: "Renamed" });
    expect(await types()).toEqual(["OpportunityUpdate"]);
  });

  it("sends OpportunityDelete", async () => {
    const opportunity = seeded()[0]!;
    await api.delete(`/opportunities/${opportunity.id}`);
    expect(await types()).toEqual(["OpportunityDelete"]);
    expect(received[0]).toMatchObject({ id: opportunity.id, locationId: LOCATION });
  });
});
