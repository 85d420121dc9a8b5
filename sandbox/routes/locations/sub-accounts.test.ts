import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import { DEMO_APP_SCOPES } from "../../seed/demo-world";
import {
  client,
  companyToken,
  expectContract,
  locationToken,
  startSandbox,
} from "../../testing/harness";

const COMPANY = "SmmtGrwthPrtnrs00001";
const OTHER_COMPANY = "NrthwndMarketing0001";
const LOCATION = "AustinDentalStudio01";
const OTHER_LOCATION = "NorthwindHvacPhoenx1";

type Received = { type: string; locationId?: string; companyId?: string; id?: string };

let running: RunningSandbox;
let receiver: Server;
const received: Received[] = [];
let agency: ReturnType<typeof client>;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push(JSON.parse(body) as Received);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  running = await startSandbox({ appWebhookUrl: `http://127.0.0.1:${port}/hooks` });
  agency = client(
    running,
    companyToken(running, COMPANY, [
      ...DEMO_APP_SCOPES,
      "companies.readonly",
      "locations.internal-access-only",
    ]),
  );
});
afterAll(async () => {
  await running?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("sub-accounts", () => {
  it("reads a location with its own location token or its agency's token", async () => {
    const own = await client(running, locationToken(running, LOCATION)).get(
      `/locations/${LOCATION}`,
    );
    await expectContract("GET /locations/{locationId}", own, 200);
    expect(own.json.location).toMatchObject({ id: LOCATION, companyId: COMPANY });
    const viaAgency = await agency.get(`/locations/${LOCATION}`);
    expect(viaAgency.status).toBe(200);
    const foreign = await agency.get(`/locations/${OTHER_LOCATION}`);
    expect(foreign.status).toBe(403);
  });

  it("searches the company's locations with skip, limit and email", async () => {
    const all = await agency.get("/locations/search", { companyId: COMPANY, limit: "100" });
    await expectContract("GET /locations/search", all, 200);
    const rows = all.json.locations as { id: string; email: string }[];
    expect(rows.map((r) => r.id)).toContain(LOCATION);
    expect(rows.map((r) => r.id)).not.toContain(OTHER_LOCATION);
    const paged = await agency.get("/locations/search", {
      companyId: COMPANY,
      skip: "1",
      limit: "2",
    });
    expect((paged.json.locations as unknown[]).length).toBe(2);
    const byEmail = await agency.get("/locations/search", { email: rows[0]?.email ?? "" });
    expect((byEmail.json.locations as { id: string }[]).map((r) => r.id)).toEqual([rows[0]?.id]);
    const mine = await client(running, locationToken(running, LOCATION)).get("/locations/search");
    expect((mine.json.locations as { id: string }[]).map((r) => r.id)).toEqual([LOCATION]);
  });

  it("refuses a location token and another agency's token on POST /locations/", async () => {
    const byLocation = await client(running, locationToken(running, LOCATION)).post("/locations/", {
      name: "Nope",
      companyId: COMPANY,
    });
    expect(byLocation.status).toBe(401);
    expect(byLocation.json.message).toBe(
      "This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.",
    );
    const otherAgency = client(running, companyToken(running, OTHER_COMPANY));
    const foreign = await otherAgency.post("/locations/", { name: "Nope", companyId: COMPANY });
    expect(foreign.status).toBe(403);
  });

  it("creates a sub-account: LocationCreate, then INSTALL for install-to-future apps", async () => {
    const app = [...running.sandbox.state.apps.values()][0];
    if (!app) throw new Error("no app");
    running.sandbox.state.installations.push({
      appId: app.appId,
      companyId: COMPANY,
      locationId: null,
      installToFutureLocations: true,
      installedAt: 0,
    });
    const created = await agency.post("/locations/", {
      name: "Lakeside Dental",
      companyId: COMPANY,
      country: "US",
      timezone: "America/Chicago",
      prospectInfo: { firstName: "Lena", lastName: "Lake", email: "Lena@Lakeside.test" },
      settings: { allowDuplicateContact: true },
    });
    await expectContract("POST /locations/", created, 200);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ companyId: COMPANY, email: "lena@lakeside.test" });
    await running.control.webhooks.idle();
    expect(received).toContainEqual(
      expect.objectContaining({ type: "LocationCreate", id, companyId: COMPANY }),
    );
    expect(received).toContainEqual(
      expect.objectContaining({ type: "INSTALL", locationId: id, companyId: COMPANY }),
    );
    const order = received.map((r) => r.type);
    expect(order.indexOf("LocationCreate")).toBeLessThan(order.lastIndexOf("INSTALL"));
    const token = client(running, locationToken(running, id));
    expect((await token.get(`/locations/${id}`)).json.location).toMatchObject({
      firstName: "Lena",
      settings: { allowDuplicateContact: true },
    });
  });

  it("updates a sub-account and sends LocationUpdate", async () => {
    const updated = await agency.put(`/locations/${LOCATION}`, {
      companyId: COMPANY,
      website: "https://austin-dental.example",
      social: { facebookUrl: "https://facebook.com/austindental" },
    });
    await expectContract("PUT /locations/{locationId}", updated, 200);
    expect(updated.json).toMatchObject({ id: LOCATION, website: "https://austin-dental.example" });
    await running.control.webhooks.idle();
    expect(received).toContainEqual(
      expect.objectContaining({ type: "LocationUpdate", id: LOCATION }),
    );
    const missing = await agency.put(`/locations/${LOCATION}`, { name: "No company" });
    expect(missing.status).toBe(422);
  });

  it("deletes a sub-account only with deleteTwilioAccount", async () => {
    const created = await agency.post("/locations/", { name: "Short Lived", companyId: COMPANY });
    const id = created.json.id as string;
    const withoutFlag = await agency.delete(`/locations/${id}`);
    expect(withoutFlag.status).toBe(422);
    const deleted = await agency.delete(`/locations/${id}`, undefined, {
      deleteTwilioAccount: "false",
    });
    await expectContract("DELETE /locations/{locationId}", deleted, 200);
    expect(deleted.json).toEqual({ success: true, message: `Deleted location with id: ${id}` });
    expect((await agency.get(`/locations/${id}`)).status).toBe(400);
  });

  it("reads the agency itself, not another one", async () => {
    const company = await agency.get(`/companies/${COMPANY}`);
    await expectContract("GET /companies/{companyId}", company, 200);
    expect(company.json.company).toMatchObject({ id: COMPANY, name: "Summit Growth Partners" });
    expect((await agency.get(`/companies/${OTHER_COMPANY}`)).status).toBe(403);
  });
});
