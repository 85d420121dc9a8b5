import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import { ofLocation } from "../../store/state";
import { client, expectContract, locationToken, startSandbox } from "../../testing/harness";

const LOCATION = "CoastalYogaCollectv1";
const DAY_MS = 24 * 60 * 60 * 1000;

let running: RunningSandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  running = await startSandbox();
  api = client(running, locationToken(running, LOCATION));
});
afterAll(() => running?.close());

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Meta = {
  total: number;
  currentPage: number;
  nextPage: number | null;
  prevPage: number | null;
};

describe("forms", () => {
  it("lists the location's forms with a total", async () => {
    const forms = await api.get("/forms/", { locationId: LOCATION });
    await expectContract("GET /forms/", forms, 200);
    expect(forms.json.total).toBeGreaterThanOrEqual(2);
    expect(forms.json.total).toBeLessThanOrEqual(4);
    const one = await api.get("/forms/", { locationId: LOCATION, limit: "1", skip: "1" });
    expect((one.json.forms as unknown[]).length).toBe(1);
  });

  it("pages submissions of the last 60 days to the last page", async () => {
    const now = running.sandbox.clock.now();
    const query = {
      locationId: LOCATION,
      startAt: day(now - 61 * DAY_MS),
      endAt: day(now),
      limit: "7",
    };
    const expected = ofLocation(running.sandbox.state.formSubmissions, LOCATION).length;
    const seen = new Set<string>();
    let page = 1;
    let meta: Meta | undefined;
    for (; page < 100; page++) {
      const response = await api.get("/forms/submissions", { ...query, page: String(page) });
      await expectContract("GET /forms/submissions", response, 200);
      meta = response.json.meta as Meta;
      for (const s of response.json.submissions as { id: string }[]) seen.add(s.id);
      expect(meta.prevPage).toBe(page === 1 ? null : page - 1);
      if (meta.nextPage === null) break;
      expect(meta.nextPage).toBe(page + 1);
    }
    expect(meta?.total).toBe(expected);
    expect(seen.size).toBe(expected);
    expect(page).toBe(Math.ceil(expected / 7));
  });

  it("filters by form, contact and date, and rejects a bad date", async () => {
    const now = running.sandbox.clock.now();
    const [submission] = ofLocation(running.sandbox.state.formSubmissions, LOCATION);
    if (!submission) throw new Error("no submissions");
    const wide = { locationId: LOCATION, startAt: day(now - 61 * DAY_MS), endAt: day(now) };
    const byForm = await api.get("/forms/submissions", {
      ...wide,
      formId: submission.formId,
      limit: "100",
    });
    const rows = byForm.json.submissions as { formId: string; contactId: string }[];
    expect(rows.every((r) => r.formId === submission.formId)).toBe(true);
    const byContact = await api.get("/forms/submissions", { ...wide, q: submission.contactId });
    expect(
      (byContact.json.submissions as { contactId: string }[]).every(
        (r) => r.contactId === submission.contactId,
      ),
    ).toBe(true);
    const recent = await api.get("/forms/submissions", { locationId: LOCATION, limit: "100" });
    const monthAgo = now - 32 * DAY_MS;
    expect(
      (recent.json.submissions as { createdAt: string }[]).every(
        (r) => Date.parse(r.createdAt) >= monthAgo,
      ),
    ).toBe(true);
    expect(
      (await api.get("/forms/submissions", { locationId: LOCATION, startAt: "soon" })).status,
    ).toBe(422);
  });
});

describe("campaigns and workflows", () => {
  it("lists campaigns, filtered by status", async () => {
    const all = await api.get("/campaigns/", { locationId: LOCATION });
    await expectContract("GET /campaigns/", all, 200);
    const campaigns = all.json.campaigns as { status: string }[];
    expect(campaigns.length).toBeGreaterThanOrEqual(3);
    const published = await api.get("/campaigns/", { locationId: LOCATION, status: "published" });
    const rows = published.json.campaigns as { status: string }[];
    expect(rows.length).toBe(campaigns.filter((c) => c.status === "published").length);
    expect(rows.every((c) => c.status === "published")).toBe(true);
  });

  it("lists workflows with UUID ids and versions", async () => {
    const response = await api.get("/workflows/", { locationId: LOCATION });
    await expectContract("GET /workflows/", response, 200);
    const workflows = response.json.workflows as { id: string; version: number; status: string }[];
    expect(workflows.length).toBeGreaterThanOrEqual(4);
    expect(workflows.length).toBeLessThanOrEqual(8);
    for (const w of workflows) {
      expect(w.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(["published", "draft"]).toContain(w.status);
    }
    expect((await api.get("/workflows/", { locationId: "AustinDentalStudio01" })).status).toBe(403);
  });
});
