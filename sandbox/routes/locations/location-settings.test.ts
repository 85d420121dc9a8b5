import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import {
  client,
  companyToken,
  expectContract,
  locationToken,
  startSandbox,
} from "../../testing/harness";

const LOCATION = "AustinDentalStudio01";
const OTHER_LOCATION = "HarborLegalGroup0001";

let running: RunningSandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  running = await startSandbox();
  api = client(running, locationToken(running, LOCATION));
});
afterAll(() => running?.close());

const base = `/locations/${LOCATION}`;

describe("custom fields", () => {
  it("lists contact fields by default, opportunity or all on request", async () => {
    const contact = await api.get(`${base}/customFields`);
    await expectContract("GET /locations/{locationId}/customFields", contact, 200);
    const models = (list: unknown) => new Set((list as { model: string }[]).map((f) => f.model));
    expect(models(contact.json.customFields)).toEqual(new Set(["contact"]));
    const all = await api.get(`${base}/customFields`, { model: "all" });
    expect(models(all.json.customFields)).toEqual(new Set(["contact", "opportunity"]));
    const opportunity = await api.get(`${base}/customFields`, { model: "opportunity" });
    expect(models(opportunity.json.customFields)).toEqual(new Set(["opportunity"]));
  });

  it("creates, reads (by id and key), renames and deletes a field", async () => {
    const created = await api.post(`${base}/customFields`, {
      name: "Insurance Provider",
      dataType: "SINGLE_OPTIONS",
      options: ["Delta", "Cigna"],
      placeholder: "Pick one",
    });
    await expectContract("POST /locations/{locationId}/customFields", created, 201);
    const field = created.json.customField as { id: string; fieldKey: string };
    expect(created.json.customField).toMatchObject({
      fieldKey: "contact.insurance_provider",
      dataType: "SINGLE_OPTIONS",
      picklistOptions: ["Delta", "Cigna"],
      model: "contact",
      locationId: LOCATION,
    });
    const again = await api.post(`${base}/customFields`, {
      name: "Insurance Provider",
      dataType: "TEXT",
    });
    expect((again.json.customField as { fieldKey: string }).fieldKey).toBe(
      "contact.insurance_provider_1",
    );

    const read = await api.get(`${base}/customFields/${field.id}`);
    await expectContract("GET /locations/{locationId}/customFields/{id}", read, 200);
    const byKey = await api.get(`${base}/customFields/${field.fieldKey}`);
    expect((byKey.json.customField as { id: string }).id).toBe(field.id);

    const renamed = await api.put(`${base}/customFields/${field.id}`, { name: "Insurer" });
    await expectContract("PUT /locations/{locationId}/customFields/{id}", renamed, 200);
    expect(renamed.json.customField).toMatchObject({ name: "Insurer", fieldKey: field.fieldKey });

    const deleted = await api.delete(`${base}/customFields/${field.id}`);
    await expectContract("DELETE /locations/{locationId}/customFields/{id}", deleted, 200);
    expect(deleted.json).toEqual({ succeded: true });
    expect((await api.get(`${base}/customFields/${field.id}`)).status).toBe(400);
  });

  it("refuses an unknown data type, a missing name and another location", async () => {
    const badType = await api.post(`${base}/customFields`, { name: "X", dataType: "BLOB" });
    expect(badType.status).toBe(422);
    const noName = await api.post(`${base}/customFields`, { dataType: "TEXT" });
    expect(noName.status).toBe(422);
    expect((await api.get(`/locations/${OTHER_LOCATION}/customFields`)).status).toBe(403);
    const agency = client(running, companyToken(running, "SmmtGrwthPrtnrs00001"));
    expect((await agency.get(`${base}/customFields`)).status).toBe(401);
  });
});

describe("custom values", () => {
  it("runs the full round trip with merge-field keys", async () => {
    const list = await api.get(`${base}/customValues`);
    await expectContract("GET /locations/{locationId}/customValues", list, 200);
    expect((list.json.customValues as unknown[]).length).toBeGreaterThanOrEqual(3);

    const created = await api.post(`${base}/customValues`, {
      name: "Parking Info",
      value: "Garage on 4th",
    });
    await expectContract("POST /locations/{locationId}/customValues", created, 201);
    const value = created.json.customValue as { id: string; fieldKey: string };
    expect(value.fieldKey).toBe("{{ custom_values.parking_info }}");

    await expectContract(
      "GET /locations/{locationId}/customValues/{id}",
      await api.get(`${base}/customValues/${value.id}`),
      200,
    );
    const updated = await api.put(`${base}/customValues/${value.id}`, {
      name: "Parking Info",
      value: "Free lot",
    });
    await expectContract("PUT /locations/{locationId}/customValues/{id}", updated, 200);
    expect(updated.json.customValue).toMatchObject({ value: "Free lot" });
    const deleted = await api.delete(`${base}/customValues/${value.id}`);
    await expectContract("DELETE /locations/{locationId}/customValues/{id}", deleted, 200);
    expect((await api.get(`${base}/customValues/${value.id}`)).status).toBe(400);
  });
});

describe("location tags", () => {
  it("lists the seeded tags, which cover every tag contacts carry", async () => {
    const list = await api.get(`${base}/tags`);
    await expectContract("GET /locations/{locationId}/tags", list, 200);
    const names = (list.json.tags as { name: string }[]).map((t) => t.name);
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(names.length).toBeLessThanOrEqual(15);
    const used = running.sandbox.state.contacts.ofLocation(LOCATION).flatMap((c) => c.tags);
    for (const tag of new Set(used)) expect(names).toContain(tag);
  });

  it("creates (200), reads, renames and deletes a tag", async () => {
    const created = await api.post(`${base}/tags`, { name: " Spring Promo " });
    await expectContract("POST /locations/{locationId}/tags", created, 200);
    const tag = created.json.tag as { id: string; name: string };
    expect(tag.name).toBe("spring promo");
    expect((await api.post(`${base}/tags`, { name: "spring promo" })).status).toBe(400);

    await expectContract(
      "GET /locations/{locationId}/tags/{tagId}",
      await api.get(`${base}/tags/${tag.id}`),
      200,
    );
    const renamed = await api.put(`${base}/tags/${tag.id}`, { name: "Summer Promo" });
    await expectContract("PUT /locations/{locationId}/tags/{tagId}", renamed, 200);
    expect(renamed.json.tag).toMatchObject({ id: tag.id, name: "summer promo" });
    const deleted = await api.delete(`${base}/tags/${tag.id}`);
    await expectContract("DELETE /locations/{locationId}/tags/{tagId}", deleted, 200);
    expect(deleted.json).toEqual({ succeded: true });
    expect((await api.get(`${base}/tags/${tag.id}`)).status).toBe(400);
  });
});
