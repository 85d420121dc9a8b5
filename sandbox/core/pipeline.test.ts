import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../index";
import { client, locationToken, startSandbox } from "../testing/harness";

const AUSTIN = "AustinDentalStudio01";
const DENVER = "BrightsideRoofing001";

let running: RunningSandbox;
let token: string;
beforeAll(async () => {
  running = await startSandbox({ rateLimit: { burst: 5, windowMs: 10_000, daily: 12 } });
  token = locationToken(running, AUSTIN);
});
afterAll(() => running?.close());

const list = (t = token, version = "2021-07-28") =>
  client(running, t, version).get("/contacts/", { locationId: AUSTIN, limit: "1" });

describe("request pipeline", () => {
  it("requires a bearer token and the right Version header", async () => {
    const anonymous = await client(running, null).get("/contacts/", { locationId: AUSTIN });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({
      statusCode: 401,
      message: "Invalid token: access token is invalid",
      error: "Unauthorized",
    });
    expect(anonymous.json.traceId).toEqual(expect.any(String));
    const noVersion = await client(running, locationToken(running, DENVER), "").get("/contacts/", {
      locationId: DENVER,
    });
    expect(noVersion.status).toBe(400);
    const calendarsVersion = await client(
      running,
      locationToken(running, DENVER),
      "2021-04-15",
    ).get("/contacts/", { locationId: DENVER });
    expect(calendarsVersion.status).toBe(400);
  });

  it("answers unknown routes and malformed JSON in GHL's NestJS shapes", async () => {
    const unknown = await client(running, token).get("/nope/here");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      statusCode: 404,
      message: "Cannot GET /nope/here",
      error: "Not Found",
    });
    const broken = await fetch(`${running.url}/contacts/`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${locationToken(running, DENVER)}`,
        version: "2021-07-28",
        "content-type": "application/json",
      },
      body: '{"locationId": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ statusCode: 400, error: "Bad Request" });
  });

  it("limits each app and location to the burst per window, with the five headers, and recovers", async () => {
    const responses = [];
    for (let i = 0; i < 6; i++) responses.push(await list());
    expect(responses.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses[0]!.headers.get("x-ratelimit-max")).toBe("5");
    expect(responses[0]!.headers.get("x-ratelimit-interval-milliseconds")).toBe("10000");
    expect(responses[0]!.headers.get("x-ratelimit-limit-daily")).toBe("12");
    expect(responses[4]!.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(responses[5]!.status).toBe(429);
    expect(responses[5]!.headers.get("x-ratelimit-remaining")).toBe("0");

    // Another location has its own budget.
    expect(
      (
        await client(running, locationToken(running, DENVER)).get("/contacts/", {
          locationId: DENVER,
        })
      ).status,
    ).toBe(200);

    running.control.clock.advance(10_000);
    expect((await list()).status).toBe(200);
  });

  it("enforces the daily budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      running.control.clock.advance(10_000);
      statuses.push((await list()).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const last = await list();
    expect(last.headers.get("x-ratelimit-daily-remaining")).toBe("0");
    const stats = running.control.stats().byKey.find((k) => k.key.endsWith(`:${AUSTIN}`));
    expect(stats?.maxInWindow).toBe(6);
  });
});

describe("fault injection", () => {
  let faulty: RunningSandbox;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    faulty = await startSandbox();
    api = client(faulty, locationToken(faulty, AUSTIN));
  });
  afterAll(() => faulty?.close());

  const statuses = async (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++)
      out.push((await api.get("/contacts/", { locationId: AUSTIN, limit: "1" })).status);
    return out;
  };

  it("injects 5xx at the configured rate, replayably from its seed", async () => {
    faulty.control.faults.set({ seed: 7, errors: { rate: 0.5, statuses: [502, 503] } });
    const first = await statuses(40);
    faulty.control.faults.set({ seed: 7, errors: { rate: 0.5, statuses: [502, 503] } });
    expect(await statuses(40)).toEqual(first);
    const failures = first.filter((s) => s >= 500);
    expect(failures.length).toBeGreaterThan(8);
    expect(failures.length).toBeLessThan(32);
    expect(new Set(failures)).toEqual(new Set([502, 503]));
    faulty.control.faults.clear();
  });

  it("adds latency, cuts off timed-out requests, and storms 429s", async () => {
    faulty.control.faults.set({ latency: { fixedMs: 120, jitterMs: 0 } });
    const started = performance.now();
    expect((await statuses(1))[0]).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);

    faulty.control.faults.set({ timeouts: { rate: 1, holdMs: 10 } });
    await expect(api.get("/contacts/", { locationId: AUSTIN })).rejects.toThrow();

    faulty.control.faults.set({ rateLimitStormMs: 60_000 });
    expect(await statuses(3)).toEqual([429, 429, 429]);
    faulty.control.clock.advance(60_001);
    expect(await statuses(1)).toEqual([200]);
    faulty.control.faults.clear();
  });

  it("limits faults to chosen locations", async () => {
    faulty.control.faults.set({ errors: { rate: 1, statuses: [500] }, locationIds: [DENVER] });
    expect(await statuses(2)).toEqual([200, 200]);
    const denver = client(faulty, locationToken(faulty, DENVER));
    expect((await denver.get("/contacts/", { locationId: DENVER })).status).toBe(500);
    faulty.control.faults.clear();
  });
});
