import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
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
const OTHER_LOCATION = "BrightsideRoofing001";

type UserBody = { id: string; email: string; roles: { type: string; locationIds: string[] } };

let running: RunningSandbox;
let agency: ReturnType<typeof client>;
let location: ReturnType<typeof client>;

beforeAll(async () => {
  // Nothing listens there: deliveries fail, but the log still shows what was sent.
  running = await startSandbox({ appWebhookUrl: "http://127.0.0.1:9/hooks" });
  const app = [...running.sandbox.state.apps.values()][0];
  if (!app) throw new Error("no app");
  running.sandbox.state.installations.push({
    appId: app.appId,
    companyId: COMPANY,
    locationId: LOCATION,
    installToFutureLocations: false,
    installedAt: 0,
  });
  agency = client(running, companyToken(running, COMPANY));
  location = client(running, locationToken(running, LOCATION));
});
afterAll(() => running?.close());

const newUser = (fields: Record<string, unknown> = {}) => ({
  companyId: COMPANY,
  firstName: "Casey",
  lastName: "Nguyen",
  email: `casey.${Math.random().toString(36).slice(2, 8)}@austin-dental.test`,
  password: "s3cret-Passw0rd",
  type: "account",
  role: "user",
  locationIds: [LOCATION],
  ...fields,
});

describe("users", () => {
  it("searches the company's users with query, type, role and paging", async () => {
    const all = await agency.get("/users/search", { companyId: COMPANY });
    await expectContract("GET /users/search", all, 200);
    expect(all.json.count).toBeGreaterThanOrEqual(3);
    const admins = await agency.get("/users/search", {
      companyId: COMPANY,
      role: "admin",
      type: "agency",
    });
    expect(
      (admins.json.users as { roles: { role: string } }[]).every((u) => u.roles.role === "admin"),
    ).toBe(true);
    const olivia = await agency.get("/users/search", { companyId: COMPANY, query: "olivia" });
    expect((olivia.json.users as { firstName: string }[]).map((u) => u.firstName)).toEqual([
      "Olivia",
    ]);
    const page = await agency.get("/users/search", { companyId: COMPANY, skip: "1", limit: "1" });
    expect((page.json.users as unknown[]).length).toBe(1);
    expect((await agency.get("/users/search", { companyId: OTHER_COMPANY })).status).toBe(403);
    expect((await location.get("/users/search", { companyId: COMPANY })).status).toBe(200);
  });

  it("creates, reads, updates and deletes a user; UserCreate follows", async () => {
    const created = await location.post("/users/", newUser());
    await expectContract("POST /users/", created, 201);
    const user = created.json as unknown as UserBody;
    expect(user.roles).toMatchObject({ type: "account", locationIds: [LOCATION] });
    const sent = running.control.webhooks.deliveries({ type: "UserCreate", locationId: LOCATION });
    expect(sent.map((d) => JSON.parse(d.body) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ id: user.id, locationId: LOCATION, role: "user" }),
    );

    await expectContract("GET /users/{userId}", await agency.get(`/users/${user.id}`), 200);
    const updated = await agency.put(`/users/${user.id}`, {
      role: "admin",
      locationIds: [LOCATION, OTHER_LOCATION],
      scopes: ["contacts.write"],
    });
    await expectContract("PUT /users/{userId}", updated, 200);
    expect(updated.json).toMatchObject({
      roles: { role: "admin", locationIds: [LOCATION, OTHER_LOCATION] },
      scopes: ["contacts.write"],
    });

    const deleted = await agency.delete(`/users/${user.id}`);
    await expectContract("DELETE /users/{userId}", deleted, 200);
    expect(deleted.json).toMatchObject({ succeded: true });
    expect((await agency.get(`/users/${user.id}`)).status).toBe(400);
    const byEmail = await agency.post("/users/search/filter-by-email", {
      companyId: COMPANY,
      emails: user.email,
      deleted: true,
    });
    expect((byEmail.json.users as { id: string }[]).map((u) => u.id)).toEqual([user.id]);
  });

  it("keeps a location token inside its sub-account", async () => {
    const foreign = await location.post("/users/", newUser({ locationIds: [OTHER_LOCATION] }));
    expect(foreign.status).toBe(403);
    const agencyUser = await location.post("/users/", newUser({ type: "agency", locationIds: [] }));
    expect(agencyUser.status).toBe(401);
    const duplicate = newUser();
    expect((await agency.post("/users/", duplicate)).status).toBe(201);
    expect((await agency.post("/users/", duplicate)).status).toBe(400);
    expect((await agency.post("/users/", newUser({ role: "owner" }))).status).toBe(422);
  });

  it("lists a location's users (deprecated) and filters by email", async () => {
    const list = await location.get("/users/", { locationId: LOCATION });
    await expectContract("GET /users/", list, 200);
    const users = list.json.users as { email: string }[];
    expect(users.length).toBeGreaterThan(0);
    const filtered = await agency.post("/users/search/filter-by-email", {
      companyId: COMPANY,
      emails: `${users[0]?.email ?? ""}, nobody@nowhere.test`,
    });
    await expectContract("POST /users/search/filter-by-email", filtered, 200);
    expect(filtered.json.count).toBe(1);
    expect(
      (await location.post("/users/search/filter-by-email", { companyId: COMPANY, emails: "x" }))
        .status,
    ).toBe(401);
  });
});
