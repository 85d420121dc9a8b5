import { describe, expect, it, vi } from "vitest";

import { type IntakeDeps, type IntakeOutcome, handleGhlWebhook } from "./intake";
import { InboxUnavailableError, type InboxItem, type InboxWriter } from "./inbox-writer";
import { TEST_INTAKE } from "./testing/pipeline";
import { createTestSigner, ghlBody, signedRequest } from "./testing/signer";

const signer = createTestSigner();
const NOW = new Date("2026-11-24T12:00:00.000Z");

const setup = (
  write: InboxWriter["write"] = (item) =>
    Promise.resolve({ id: "row-1", inserted: true, ghlLocationId: item.ghlLocationId }),
) => {
  const outcomes: IntakeOutcome[] = [];
  const writes: InboxItem[] = [];
  const deps: IntakeDeps = {
    keys: () => signer.keys,
    inbox: {
      write: (item) => {
        writes.push(item);
        return write(item);
      },
    },
    config: TEST_INTAKE,
    now: () => NOW,
    count: (outcome) => outcomes.push(outcome),
  };
  return { deps, outcomes, writes };
};

const body = (minutesAgo = 0, fields: Record<string, unknown> = {}) =>
  ghlBody(
    "ContactUpdate",
    { locationId: "Loc00000000000000001", id: "c1", ...fields },
    {
      timestamp: new Date(NOW.getTime() - minutesAgo * 60_000),
    },
  );

describe("handleGhlWebhook", () => {
  it("stores a fresh signed delivery and answers 200", async () => {
    const { deps, outcomes, writes } = setup();
    const response = await handleGhlWebhook(signedRequest(signer, body()), deps);
    expect(response.status).toBe(200);
    expect(outcomes).toEqual(["accepted"]);
    expect(writes[0]).toMatchObject({
      ghlType: "ContactUpdate",
      signatureScheme: "ed25519",
      ignoredReason: null,
    });
  });

  it("refuses an unsigned delivery with 401 and stores nothing", async () => {
    const { deps, writes, outcomes } = setup();
    const response = await handleGhlWebhook(
      new Request("http://hub.test/api/webhooks/ghl", { method: "POST", body: body() }),
      deps,
    );
    expect(response.status).toBe(401);
    expect(writes).toHaveLength(0);
    expect(outcomes).toEqual(["rejected_signature"]);
  });

  it("accepts a GHL retry 70 minutes late, refuses a replay older than the tolerance", async () => {
    const { deps, writes } = setup();
    expect((await handleGhlWebhook(signedRequest(signer, body(70)), deps)).status).toBe(200);
    const stale = await handleGhlWebhook(signedRequest(signer, body(91)), deps);
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({ error: "stale_timestamp" });
    // Too far in the future is as suspect as too old.
    expect((await handleGhlWebhook(signedRequest(signer, body(-91)), deps)).status).toBe(401);
    expect(writes).toHaveLength(1);
  });

  it("refuses a signed JSON body without a strict timestamp", async () => {
    const { deps, writes } = setup();
    const noTimestamp = JSON.stringify({
      type: "ContactUpdate",
      locationId: "L",
      id: "c",
      webhookId: "w",
    });
    const response = await handleGhlWebhook(signedRequest(signer, noTimestamp), deps);
    expect(response.status).toBe(401);
    expect(writes).toHaveLength(0);
  });

  it("stores a signed body that is not JSON as ignored rather than losing it", async () => {
    const { deps, writes, outcomes } = setup();
    const bytes = new Uint8Array([0xff, 0x00, 0x41]);
    const response = await handleGhlWebhook(signedRequest(signer, bytes), deps);
    expect(response.status).toBe(200);
    expect(writes[0]).toMatchObject({ ghlType: "unknown", ignoredReason: "body is not JSON" });
    expect(outcomes).toEqual(["ignored"]);
  });

  it("answers 413 over the cap, before verifying anything", async () => {
    const { deps, writes } = setup();
    const big = body(0, { padding: "x".repeat(TEST_INTAKE.maxBodyBytes) });
    const response = await handleGhlWebhook(signedRequest(signer, big), deps);
    expect(response.status).toBe(413);
    expect(writes).toHaveLength(0);
  });

  it("answers 429 with Retry-After when the inbox cannot be written, never 5xx", async () => {
    for (const failure of [
      new InboxUnavailableError("timeout"),
      new Error("connection refused"),
      new TypeError("something unexpected"),
    ]) {
      const { deps, outcomes } = setup(() => Promise.reject(failure));
      const response = await handleGhlWebhook(signedRequest(signer, body()), deps);
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("60");
      expect(outcomes).toEqual(["throttled"]);
    }
  });

  it("answers 200 to a duplicate, marked as such", async () => {
    const { deps, outcomes } = setup(() =>
      Promise.resolve({ id: "row-1", inserted: false, ghlLocationId: null }),
    );
    const response = await handleGhlWebhook(signedRequest(signer, body()), deps);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ duplicate: true });
    expect(outcomes).toEqual(["duplicate"]);
  });

  it("stores as ignored a delivery whose URL names another location than its body", async () => {
    const { deps, writes } = setup();
    const response = await handleGhlWebhook(signedRequest(signer, body()), deps, {
      pathLocationId: "SomeOtherLocation001",
    });
    expect(response.status).toBe(200);
    expect(writes[0]?.ignoredReason).toMatch(/not the body's locationId/);
  });

  it("does not store Authorization or Cookie headers", async () => {
    const { deps, writes } = setup();
    await handleGhlWebhook(
      signedRequest(signer, body(), { headers: { authorization: "Bearer x", cookie: "s=1" } }),
      deps,
    );
    expect(writes[0]?.headers).not.toHaveProperty("authorization");
    expect(writes[0]?.headers).not.toHaveProperty("cookie");
    expect(writes[0]?.headers).toHaveProperty("x-ghl-signature");
  });

  it("counts outcomes without letting a counting failure change the answer", async () => {
    const { deps } = setup();
    const count = vi.fn(() => {
      throw new Error("metrics backend down");
    });
    const response = await handleGhlWebhook(signedRequest(signer, body()), { ...deps, count });
    expect(response.status).toBe(200);
    expect(count).toHaveBeenCalledWith("accepted", undefined);
  });
});
