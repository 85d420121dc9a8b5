import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../index";
import { client, locationToken, startSandbox } from "../testing/harness";

const AUSTIN = "AustinDentalStudio01";

let running: RunningSandbox;
beforeAll(async () => {
  running = await startSandbox();
});
afterAll(() => running?.close());

const control = (method: string, route: string, body?: unknown) =>
  fetch(`${running.url}/_sandbox${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));

describe("control API", () => {
  it("describes itself: URL, public keys, the demo app, agencies with their locations", async () => {
    const { json } = await control("GET", "/info");
    expect(json.baseUrl).toBe(running.url);
    expect(JSON.stringify(json.webhookPublicKeys)).toContain("BEGIN PUBLIC KEY");
    const companies = json.companies as { name: string; locations: { contacts: number }[] }[];
    expect(companies.map((c) => c.name)).toEqual(["Summit Growth Partners", "Northwind Marketing"]);
    expect(companies[0]!.locations.length).toBeGreaterThanOrEqual(3);
    expect(companies[0]!.locations.every((l) => l.contacts >= 250)).toBe(true);
  });

  it("is deterministic from its seed", async () => {
    const other = await startSandbox();
    try {
      const ids = (r: RunningSandbox) =>
        r.sandbox.state.contacts
          .ofLocation(AUSTIN)
          .slice(0, 5)
          .map((c) => [c.id, c.email]);
      expect(ids(other)).toEqual(ids(running));
    } finally {
      await other.close();
    }
  });

  it("refuses malformed control input with a 400 naming the field", async () => {
    const response = await control("PUT", "/faults", { errors: { rate: 2, statuses: [500] } });
    expect(response.status).toBe(400);
    expect(String(response.json.message)).toContain("errors.rate");
    expect((await control("POST", "/seed/scale", { count: -1 })).status).toBe(400);
  });

  it("changes a contact as GHL's own UI would, visible through the API", async () => {
    const { json } = await control("POST", `/locations/${AUSTIN}/contacts`, {
      firstName: "Walk",
      lastName: "In",
      email: "walk.in@example.com",
    });
    const api = client(running, locationToken(running, AUSTIN));
    expect((await api.get(`/contacts/${String(json.id)}`)).json.contact).toMatchObject({
      firstName: "Walk",
    });
    await control("POST", `/locations/${AUSTIN}/contacts`, { id: json.id, city: "Austin" });
    expect((await api.get(`/contacts/${String(json.id)}`)).json.contact).toMatchObject({
      city: "Austin",
    });
    expect((await control("DELETE", `/contacts/${String(json.id)}`)).json.deleted).toBe(true);
  });

  it("seeds a scale location that searches page through to the end", async () => {
    const seeded = await control("POST", "/seed/scale", { count: 20_000 });
    const locationId = String(seeded.json.locationId);
    expect(seeded.json.count).toBe(20_000);
    const api = client(running, running.control.createPit({ locationId }));
    let seen = 0;
    let searchAfter: unknown;
    for (let page = 0; page < 50; page++) {
      const response = await api.post("/contacts/search", {
        locationId,
        pageLimit: 500,
        sort: [{ field: "dateUpdated", direction: "asc" }],
        ...(searchAfter ? { searchAfter } : {}),
      });
      const hits = response.json.contacts as { searchAfter: unknown }[];
      seen += hits.length;
      if (hits.length < 500) break;
      searchAfter = hits.at(-1)?.searchAfter;
    }
    expect(seen).toBe(20_000);
  });

  it("saves a snapshot and loads it back", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sandbox-")), "snapshot.json");
    const before = running.sandbox.state.contacts.size;
    expect((await control("POST", "/snapshot/save", { path: file })).status).toBe(200);
    await control("POST", `/locations/${AUSTIN}/contacts`, {
      firstName: "After",
      email: "after.snapshot@example.com",
    });
    expect(running.sandbox.state.contacts.size).toBe(before + 1);
    expect((await control("POST", "/snapshot/load", { path: file })).status).toBe(200);
    expect(running.sandbox.state.contacts.size).toBe(before);
    expect(
      running.sandbox.state.contacts.findByEmail(AUSTIN, "after.snapshot@example.com"),
    ).toEqual([]);
    const restored = await startSandbox({ snapshotPath: file });
    try {
      expect(restored.sandbox.state.contacts.size).toBe(before);
    } finally {
      await restored.close();
    }
  });
});
