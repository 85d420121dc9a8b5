import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts, locations, webhookEvents } from "../../../db/schema";
import { createAgencyFixture } from "../../../testing/factories";
import { type TestDb, createTestDb } from "../../../testing/db";
import { handleGhlWebhook } from "../../../webhooks/intake";
import { createInboxWriter } from "../../../webhooks/inbox-writer";
import { TEST_INTAKE } from "../../../webhooks/testing/pipeline";
import { createTestSigner, ghlBody, signedRequest } from "../../../webhooks/testing/signer";
import { webhookReceived } from "../../events";
import { createProcessWebhook, createSweepWebhooks } from "./process-webhook";

let t: TestDb;
let ghlLocationId: string;
const signer = createTestSigner();

beforeAll(async () => {
  t = await createTestDb();
  const fx = await createAgencyFixture(t.db);
  const [row] = await t.db
    .update(locations)
    .set({ connectionStatus: "connected" })
    .where(eq(locations.id, fx.locations[0].id))
    .returning({ ghlLocationId: locations.ghlLocationId });
  ghlLocationId = row!.ghlLocationId!;
});
afterAll(async () => {
  await t?.close();
});

const deps = (dispatched: { id: string }[][] = []) => ({
  db: () => Promise.resolve(t.db),
  ghl: () => Promise.reject(new Error("no GHL here")),
  leaseMs: 5_000,
  retentionDays: 30,
  dispatch: () =>
    Promise.resolve((rows: { id: string; ghlLocationId: string | null }[]) => {
      dispatched.push(rows);
      return Promise.resolve();
    }),
});

/** Stores a signed delivery the way intake does, without handing it to anyone. */
const store = async (type: string, fields: Record<string, unknown>) => {
  const intake = {
    keys: () => signer.keys,
    inbox: createInboxWriter({ db: t.db }),
    config: TEST_INTAKE,
  };
  const response = await handleGhlWebhook(
    signedRequest(signer, ghlBody(type, { locationId: ghlLocationId, ...fields })),
    intake,
  );
  return ((await response.json()) as { id: string }).id;
};

describe("the Inngest webhook functions (thin wrappers over the same modules)", () => {
  it("process: runs the handler, then publishes the event under GHL Hub's name", async () => {
    const inboxId = await store("ContactCreate", { id: "inngest-contact-1", firstName: "Ines" });
    const fn = createProcessWebhook(deps());
    const { result, ctx } = await new InngestTestEngine({
      function: fn,
      events: [webhookReceived.create({ inboxId, locationKey: ghlLocationId })],
      steps: [{ id: "publish", handler: () => ({ ids: ["evt"] }) }],
    }).execute();
    expect(result).toEqual({ status: "processed" });
    const sendEvent = ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } };
    expect(sendEvent.mock.calls[0]?.[0]).toBe("publish");
    expect(sendEvent.mock.calls[0]?.[1]).toMatchObject({
      name: "hub/event.published",
      data: { inboxId, type: "contact.created", ghlType: "ContactCreate" },
    });
    const [row] = await t.db.select().from(contacts).where(eq(contacts.ghlId, "inngest-contact-1"));
    expect(row?.firstName).toBe("Ines");
    expect(fn.opts.concurrency).toEqual([{ key: "event.data.locationKey", limit: 5 }]);
    expect(fn.opts.retries).toBe(5);

    // Inngest delivering the same event again changes nothing: the row is finished.
    const again = await new InngestTestEngine({
      function: fn,
      events: [webhookReceived.create({ inboxId, locationKey: ghlLocationId })],
    }).execute();
    expect(again.result).toEqual({ status: "skipped" });
  });

  it("process: a transient failure is thrown, so Inngest retries the step", async () => {
    const { agencies, ghlConnections } = await import("../../../db/schema");
    const [agency] = await t.db.select({ id: agencies.id }).from(agencies);
    await t.db
      .update(agencies)
      .set({ ghlCompanyId: "CompanyInngest000001" })
      .where(eq(agencies.id, agency!.id));
    await t.db.insert(ghlConnections).values({
      agencyId: agency!.id,
      kind: "company",
      ghlCompanyId: "CompanyInngest000001",
      accessTokenEnc: "x",
    });
    const inboxId = await store("INSTALL", { appId: "a", companyId: "CompanyInngest000001" });
    const { error } = await new InngestTestEngine({
      function: createProcessWebhook(deps()),
      events: [webhookReceived.create({ inboxId, locationKey: ghlLocationId })],
    }).execute();
    expect(JSON.stringify(error)).toMatch(/RetryableWebhookError.*no GHL here/);
    const [row] = await t.db.select().from(webhookEvents).where(eq(webhookEvents.id, inboxId));
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("sweep: hands Inngest the rows it never received", async () => {
    const inboxId = await store("ContactUpdate", { id: "inngest-contact-2" });
    await t.db
      .update(webhookEvents)
      .set({ receivedAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(webhookEvents.id, inboxId));
    const dispatched: { id: string }[][] = [];
    const { result } = await new InngestTestEngine({
      function: createSweepWebhooks(deps(dispatched)),
    }).execute();
    expect(result).toMatchObject({ resent: 1 });
    expect(dispatched.flat().map((r) => r.id)).toEqual([inboxId]);
  });
});
