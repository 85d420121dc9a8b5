import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import { ofLocation } from "../../store/state";
import { client, expectContract, locationToken, startSandbox } from "../../testing/harness";

const LOCATION = "MapleLeafRealty00001";

type Opp = { id: string; status: string; monetaryValue: number; createdAt: string };

let running: RunningSandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  running = await startSandbox();
  api = client(running, locationToken(running, LOCATION));
});
afterAll(() => running?.close());

const total = () => ofLocation(running.sandbox.state.opportunities, LOCATION).length;

const searchBody = (extra: Record<string, unknown> = {}) => ({
  locationId: LOCATION,
  query: "",
  limit: 9,
  page: 1,
  searchAfter: [] as string[],
  additionalDetails: {
    notes: false,
    tasks: false,
    calendarEvents: false,
    unReadConversations: false,
  },
  ...extra,
});

describe("opportunity search", () => {
  it("pages GET search to the last page with the startAfter cursor, newest first", async () => {
    let query: Record<string, string> = { location_id: LOCATION, limit: "7" };
    const seen: Opp[] = [];
    for (let pages = 0; pages < 100; pages++) {
      const response = await api.get("/opportunities/search", query);
      await expectContract("GET /opportunities/search", response, 200);
      seen.push(...(response.json.opportunities as Opp[]));
      const meta = response.json.meta as {
        total: number;
        startAfter?: number;
        startAfterId?: string;
      };
      expect(meta.total).toBe(total());
      if (!meta.startAfterId) break;
      query = { ...query, startAfter: String(meta.startAfter), startAfterId: meta.startAfterId };
    }
    expect(new Set(seen.map((o) => o.id)).size).toBe(total());
    const dates = seen.map((o) => Date.parse(o.createdAt));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("pages GET search by page number, with prev and next in meta", async () => {
    const second = await api.get("/opportunities/search", {
      location_id: LOCATION,
      limit: "10",
      page: "2",
      order: "added_asc",
    });
    await expectContract("GET /opportunities/search", second, 200);
    expect(second.json.meta).toMatchObject({ currentPage: 2, prevPage: 1, nextPage: 3 });
    const next = new URL((second.json.meta as { nextPageUrl: string }).nextPageUrl);
    expect(next.searchParams.get("location_id")).toBe(LOCATION);
  });

  it("pages POST search to the last page by page and by searchAfter", async () => {
    const body = searchBody();
    const byCursor = new Set<string>();
    const byPage = new Set<string>();
    for (let pages = 0; pages < 100; pages++) {
      const response = await api.post("/opportunities/search", body);
      await expectContract("POST /opportunities/search", response, 200);
      expect(response.json.total).toBe(total());
      const hits = response.json.opportunities as (Opp & { searchAfter: string[] })[];
      for (const hit of hits) byCursor.add(hit.id);
      const paged = await api.post("/opportunities/search", searchBody({ page: pages + 1 }));
      for (const hit of paged.json.opportunities as Opp[]) byPage.add(hit.id);
      if (hits.length < body.limit) break;
      body.searchAfter = hits.at(-1)!.searchAfter;
    }
    expect(byCursor.size).toBe(total());
    expect(byPage.size).toBe(total());
  });

  it("filters and sorts the advanced search", async () => {
    const response = await api.post(
      "/opportunities/search",
      searchBody({
        limit: 100,
        filters: [
          { field: "status", operator: "eq", value: ["open", "won"] },
          { field: "monetary_value", operator: "range", value: { gte: 10000 } },
        ],
        sort: [{ field: "monetary_value", direction: "asc" }],
      }),
    );
    await expectContract("POST /opportunities/search", response, 200);
    const hits = response.json.opportunities as Opp[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((o) => o.status !== "lost" && o.monetaryValue >= 10000)).toBe(true);
    const values = hits.map((o) => o.monetaryValue);
    expect(values).toEqual([...values].sort((a, b) => a - b));

    const badField = await api.post(
      "/opportunities/search",
      searchBody({ filters: [{ field: "opportunity_name", operator: "eq", value: "x" }] }),
    );
    expect(badField.status).toBe(400);
    const tooMany = await api.post("/opportunities/search", searchBody({ limit: 501 }));
    expect(tooMany.status).toBe(422);
  });

  it("finds opportunities by contact text", async () => {
    const opportunity = ofLocation(running.sandbox.state.opportunities, LOCATION)[0]!;
    const contact = running.sandbox.state.contacts.get(opportunity.contactId)!;
    const response = await api.get("/opportunities/search", {
      location_id: LOCATION,
      q: contact.lastName!,
    });
    expect((response.json.opportunities as Opp[]).map((o) => o.id)).toContain(opportunity.id);
  });
});
