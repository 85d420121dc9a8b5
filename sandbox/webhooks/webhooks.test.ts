import { createPublicKey, verify } from "node:crypto";

import { afterEach, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../index";
import { client, locationToken, startSandbox } from "../testing/harness";
import { startWebhookReceiver } from "../testing/webhook-receiver";

const COMPANY = "SmmtGrwthPrtnrs00001";
const AUSTIN = "AustinDentalStudio01";

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

/** A sandbox delivering to a local receiver, with the demo app installed on Austin. */
const setup = async (
  respond?: Parameters<typeof startWebhookReceiver>[0],
  webhooks: Record<string, number> = {},
) => {
  const receiver = await startWebhookReceiver(respond);
  const running: RunningSandbox = await startSandbox({
    appWebhookUrl: receiver.url,
    webhooks: {
      retryIntervalMs: 50,
      retryJitterMs: 10,
      maxRetries: 6,
      timeoutMs: 2000,
      signRsa: true,
      concurrency: 16,
      ...webhooks,
    },
  });
  cleanup.push(
    () => running.close(),
    () => receiver.close(),
  );
  const app = [...running.sandbox.state.apps.values()][0]!;
  running.sandbox.state.installations.push({
    appId: app.appId,
    companyId: COMPANY,
    locationId: AUSTIN,
    installToFutureLocations: false,
    installedAt: 0,
  });
  return { running, receiver, api: client(running, locationToken(running, AUSTIN)) };
};

const createContact = (api: ReturnType<typeof client>, n: number) =>
  api.post("/contacts/", {
    locationId: AUSTIN,
    firstName: `Hook${n}`,
    email: `hook${n}@example.com`,
  });

describe("webhooks", () => {
  it("signs the exact bytes with Ed25519 and RSA, verifiable with the published public keys", async () => {
    const { running, receiver, api } = await setup();
    await createContact(api, 1);
    await running.control.webhooks.idle();
    const [delivery] = receiver.ofType("ContactCreate");
    expect(delivery).toBeDefined();
    const keys = running.control.info().webhookPublicKeys;
    const ed = Buffer.from(String(delivery!.headers["x-ghl-signature"]), "base64");
    const rsa = Buffer.from(String(delivery!.headers["x-wh-signature"]), "base64");
    expect(verify(null, delivery!.raw, createPublicKey(keys.ed25519), ed)).toBe(true);
    expect(verify("sha256", delivery!.raw, createPublicKey(keys.rsa), rsa)).toBe(true);
    // One changed byte breaks both.
    const tampered = Buffer.from(delivery!.raw);
    tampered[tampered.length - 2] = tampered[tampered.length - 2]! ^ 1;
    expect(verify(null, tampered, createPublicKey(keys.ed25519), ed)).toBe(false);
    expect(verify("sha256", tampered, createPublicKey(keys.rsa), rsa)).toBe(false);

    expect(delivery!.body).toMatchObject({
      type: "ContactCreate",
      locationId: AUSTIN,
      firstName: "Hook1",
      email: "hook1@example.com",
    });
    expect(delivery!.body.webhookId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(String(delivery!.body.timestamp)))).toBe(false);
  });

  it("retries only when the receiver answers 429, then stops after the configured count", async () => {
    const { running, receiver, api } = await setup((d) =>
      d.body.firstName === "Hook2" ? 429 : d.body.firstName === "Hook3" ? 500 : 200,
    );
    await createContact(api, 2);
    await createContact(api, 3);
    await running.control.webhooks.idle();
    const limited = receiver.received.filter((d) => d.body.firstName === "Hook2");
    const failed = receiver.received.filter((d) => d.body.firstName === "Hook3");
    expect(limited).toHaveLength(7); // the first attempt and 6 retries
    expect(new Set(limited.map((d) => d.body.webhookId)).size).toBe(1);
    expect(limited.every((d) => d.raw.equals(limited[0]!.raw))).toBe(true);
    expect(failed).toHaveLength(1);
    const log = running.control.webhooks.deliveries({ type: "ContactCreate" });
    expect(log.find((d) => d.body.includes("Hook2"))?.state).toBe("failed");
  });

  it("succeeds on a retry once the receiver recovers", async () => {
    const { running, receiver, api } = await setup((_d, index) => (index < 2 ? 429 : 200));
    await createContact(api, 4);
    await running.control.webhooks.idle();
    expect(receiver.received).toHaveLength(3);
    expect(running.control.webhooks.deliveries()[0]?.state).toBe("delivered");
  });

  it("drops, duplicates and reorders deliveries when told to", async () => {
    const { running, receiver, api } = await setup();
    running.control.faults.set({
      seed: 3,
      webhooks: { dropRate: 0.3, duplicateRate: 0.3, reorder: true },
    });
    for (let n = 10; n < 40; n++) await createContact(api, n);
    await running.control.webhooks.idle();
    const log = running.control.webhooks.deliveries({ type: "ContactCreate" });
    const dropped = log.filter((d) => d.state === "dropped").length;
    const ids = receiver.ofType("ContactCreate").map((d) => String(d.body.webhookId));
    expect(dropped).toBeGreaterThan(0);
    expect(ids.length).toBeGreaterThan(new Set(ids).size); // duplicates arrived
    const order = receiver
      .ofType("ContactCreate")
      .map((d) => Number(String(d.body.firstName).slice(4)));
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
  });

  it("sends INSTALL to the app on consent, and UNINSTALL when the app is removed", async () => {
    const { running, receiver } = await setup();
    running.sandbox.state.installations.length = 0;
    const query = new URLSearchParams({
      response_type: "code",
      client_id: [...running.sandbox.state.apps.keys()][0]!,
      redirect_uri: "http://localhost:3000/api/oauth/ghl/callback",
      companyId: COMPANY,
      location: AUSTIN,
      decision: "allow",
    });
    await fetch(`${running.url}/v2/oauth/chooselocation`, {
      method: "POST",
      body: query,
      redirect: "manual",
    });
    running.control.uninstall(undefined, { companyId: COMPANY, locationId: AUSTIN });
    await running.control.webhooks.idle();
    expect(receiver.received.map((d) => d.body.type)).toEqual(["INSTALL", "UNINSTALL"]);
    expect(receiver.received[0]!.body).toMatchObject({
      installType: "Location",
      locationId: AUSTIN,
      companyId: COMPANY,
    });
  });
});
