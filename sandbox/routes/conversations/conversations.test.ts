import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { RunningSandbox } from "../../index";
import {
  VERSION,
  client,
  expectContract,
  locationToken,
  startSandbox,
} from "../../testing/harness";
import { startWebhookReceiver } from "../../testing/webhook-receiver";

const LOCATION = "AustinDentalStudio01";
const OTHER_LOCATION = "HarborLegalGroup0001";

let running: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  running = await startSandbox({ appWebhookUrl: receiver.url });
  const location = running.sandbox.state.locations.get(LOCATION)!;
  running.sandbox.state.installations.push({
    appId: [...running.sandbox.state.apps.values()][0]!.appId,
    companyId: location.companyId,
    locationId: LOCATION,
    installToFutureLocations: false,
    installedAt: 0,
  });
  api = client(running, locationToken(running, LOCATION), VERSION.conversations);
});
afterAll(async () => {
  await running?.close();
  await receiver?.close();
});

const newContact = (fields: Record<string, unknown>) =>
  running.control.contacts.upsert(LOCATION, { firstName: "Test", ...fields }).id as string;

let phones = 0;
const phone = () => `+1512555${String(1000 + phones++).slice(-4)}`;

type Sent = { conversationId: string; messageId: string; emailMessageId?: string };

describe("messages", () => {
  it("sends an SMS that progresses to delivered, with an OutboundMessage webhook", async () => {
    const contactId = newContact({ phone: phone() });
    const sent = await api.post("/conversations/messages", {
      type: "SMS",
      contactId,
      message: "Your cleaning is tomorrow at 9am.",
    });
    await expectContract("POST /conversations/messages", sent, 200);
    const { messageId, conversationId } = sent.json as Sent;
    expect(sent.json).toMatchObject({ msg: "Message queued successfully.", status: "pending" });

    await vi.waitFor(
      async () => {
        const got = await api.get(`/conversations/messages/${messageId}`);
        expect(got.json.status).toBe("delivered");
      },
      { timeout: 2_000, interval: 50 },
    );
    const got = await api.get(`/conversations/messages/${messageId}`);
    await expectContract("GET /conversations/messages/{id}", got, 200);
    expect(got.json).toMatchObject({
      type: 2,
      messageType: "TYPE_SMS",
      direction: "outbound",
      conversationId,
      contactId,
      body: "Your cleaning is tomorrow at 9am.",
      contentType: "text/plain",
      source: "api",
    });

    await running.control.webhooks.idle();
    const event = receiver.ofType("OutboundMessage").find((d) => d.body.messageId === messageId);
    expect(event?.body).toMatchObject({
      locationId: LOCATION,
      contactId,
      conversationId,
      messageType: "SMS",
      direction: "outbound",
      body: "Your cleaning is tomorrow at 9am.",
      contentType: "text/plain",
    });
  });

  it("needs the contact's email for Email, a phone for SMS, and no DND", async () => {
    const noEmail = newContact({ phone: phone() });
    const refused = await api.post("/conversations/messages", {
      type: "Email",
      contactId: noEmail,
      subject: "Hello",
      html: "<p>Hi</p>",
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/does not have an email address/);
    const noPhone = newContact({ email: "no.phone.conv@example.com" });
    const noSms = await api.post("/conversations/messages", {
      type: "SMS",
      contactId: noPhone,
      message: "Hi",
    });
    expect(noSms.status).toBe(400);
    expect(noSms.json.message).toMatch(/phone number/);

    const email = await api.post("/conversations/messages", {
      type: "Email",
      contactId: noPhone,
      subject: "Your visit",
      html: "<p>See you soon</p>",
    });
    await expectContract("POST /conversations/messages", email, 200);
    const sent = email.json as Sent;
    expect(sent.emailMessageId).toEqual(expect.any(String));
    const got = await api.get(`/conversations/messages/${sent.messageId}`);
    expect(got.json).toMatchObject({
      type: 3,
      messageType: "TYPE_EMAIL",
      contentType: "text/html",
      meta: { email: { messageIds: [sent.emailMessageId] } },
    });

    const dnd = newContact({ phone: phone(), dnd: true });
    const blocked = await api.post("/conversations/messages", {
      type: "SMS",
      contactId: dnd,
      message: "Hi",
    });
    expect(blocked.status).toBe(400);
    expect(blocked.json.message).toMatch(/DND/);
  });

  it("holds a scheduled message until its time, and cancels one", async () => {
    const contactId = newContact({ phone: phone() });
    const inAnHour = Math.floor(running.control.clock.now() / 1000) + 3600;
    const sent = await api.post("/conversations/messages", {
      type: "SMS",
      contactId,
      message: "Later",
      scheduledTimestamp: inAnHour,
    });
    await expectContract("POST /conversations/messages", sent, 200);
    const { messageId } = sent.json as Sent;
    expect((await api.get(`/conversations/messages/${messageId}`)).json.status).toBe("scheduled");
    running.control.clock.advance(2 * 3600 * 1000);
    expect((await api.get(`/conversations/messages/${messageId}`)).json.status).toMatch(
      /pending|sent|delivered/,
    );

    const other = await api.post("/conversations/messages", {
      type: "SMS",
      contactId,
      message: "Never",
      scheduledTimestamp: Math.floor(running.control.clock.now() / 1000) + 3600,
    });
    const cancelled = await api.delete(
      `/conversations/messages/${(other.json as Sent).messageId}/schedule`,
    );
    await expectContract("DELETE /conversations/messages/{messageId}/schedule", cancelled, 200);
    expect(
      (await api.get(`/conversations/messages/${(other.json as Sent).messageId}`)).status,
    ).toBe(400);
  });

  it("pages through a conversation's messages, newest first, to the end", async () => {
    const contactId = newContact({ phone: phone() });
    for (let i = 0; i < 45; i++) {
      running.control.clock.advance(1000);
      running.control.messages.receive(LOCATION, { contactId, type: "SMS", body: `m${i}` });
    }
    const conversationId = (
      await api.get("/conversations/search", { locationId: LOCATION, contactId })
    ).json.conversations as { id: string }[];
    const id = conversationId[0]!.id;
    const bodies: string[] = [];
    let lastMessageId: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const response = await api.get(`/conversations/${id}/messages`, {
        ...(lastMessageId ? { lastMessageId } : {}),
      });
      await expectContract("GET /conversations/{conversationId}/messages", response, 200);
      const page = response.json.messages as {
        lastMessageId: string;
        nextPage: boolean;
        messages: { body: string }[];
      };
      bodies.push(...page.messages.map((m) => m.body));
      if (!page.nextPage) break;
      lastMessageId = page.lastMessageId;
    }
    expect(bodies).toHaveLength(45);
    expect(bodies[0]).toBe("m44");
    expect(bodies.at(-1)).toBe("m0");

    const filtered = await api.get(`/conversations/${id}/messages`, {
      type: "TYPE_EMAIL,TYPE_CALL",
    });
    expect(filtered.status).toBe(200);
    expect((filtered.json.messages as { messages: unknown[] }).messages).toEqual([]);
  });

  it("records provider messages, status updates and exports", async () => {
    const contactId = newContact({ phone: phone() });
    const created = await api.post("/conversations/", { locationId: LOCATION, contactId });
    const conversationId = (created.json.conversation as { id: string }).id;
    const inbound = await api.post("/conversations/messages/inbound", {
      type: "SMS",
      conversationId,
      contactId,
      conversationProviderId: "61d6d1f9cdac7612faf80753",
      message: "Reply from the provider",
      direction: "inbound",
    });
    await expectContract("POST /conversations/messages/inbound", inbound, 200);
    const call = await api.post("/conversations/messages/outbound", {
      type: "Call",
      conversationId,
      conversationProviderId: "61d6d1f9cdac7612faf80753",
      call: { to: "+15125550000", from: "+15125551111", status: "voicemail" },
    });
    await expectContract("POST /conversations/messages/outbound", call, 200);
    const callMessage = await api.get(`/conversations/messages/${String(call.json.messageId)}`);
    expect(callMessage.json).toMatchObject({ type: 1, messageType: "TYPE_CALL" });

    const status = await api.put(
      `/conversations/messages/${String(inbound.json.messageId)}/status`,
      { status: "read" },
    );
    await expectContract("PUT /conversations/messages/{messageId}/status", status, 200);
    expect(status.json.status).toBe("read");

    const exported = await api.get("/conversations/messages/export", {
      locationId: LOCATION,
      conversationId,
      limit: "10",
    });
    await expectContract("GET /conversations/messages/export", exported, 200);
    expect(exported.json.total).toBe(2);
  });
});

describe("conversations", () => {
  it("creates one conversation per contact, reads, updates and deletes it", async () => {
    const contactId = newContact({ phone: phone() });
    const created = await api.post("/conversations/", { locationId: LOCATION, contactId });
    await expectContract("POST /conversations/", created, 201);
    const id = (created.json.conversation as { id: string }).id;
    const again = await api.post("/conversations/", { locationId: LOCATION, contactId });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({
      message: "Conversation already exists",
      conversationId: id,
    });

    const got = await api.get(`/conversations/${id}`);
    await expectContract("GET /conversations/{conversationId}", got, 200);
    expect(got.json).toMatchObject({ id, contactId, type: 1, unreadCount: 0 });

    const updated = await api.put(`/conversations/${id}`, {
      locationId: LOCATION,
      unreadCount: 2,
      starred: true,
    });
    await expectContract("PUT /conversations/{conversationId}", updated, 200);
    expect(updated.json.conversation).toMatchObject({ unreadCount: 2, starred: true });

    await expectContract(
      "DELETE /conversations/{conversationId}",
      await api.delete(`/conversations/${id}`),
      200,
    );
    expect((await api.get(`/conversations/${id}`)).status).toBe(400);
  });

  it("searches with filters and pages with startAfterDate", async () => {
    const total = [...running.sandbox.state.conversations.values()].filter(
      (c) => c.locationId === LOCATION,
    ).length;
    expect(total).toBeGreaterThan(30);
    const seen = new Set<string>();
    let startAfterDate: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const response = await api.get("/conversations/search", {
        locationId: LOCATION,
        limit: "50",
        ...(startAfterDate ? { startAfterDate } : {}),
      });
      await expectContract("GET /conversations/search", response, 200);
      expect(response.json.total).toBe(total);
      const hits = response.json.conversations as { id: string; sort: number[] }[];
      for (const hit of hits) seen.add(hit.id);
      if (hits.length < 50) break;
      startAfterDate = String(hits.at(-1)!.sort[0]);
    }
    expect(seen.size).toBe(total);

    // Seeded threads mix SMS and email, both directions, and render to the spec.
    const seeded = [...running.sandbox.state.messages.values()].find(
      (m) => m.locationId === LOCATION && m.channel === "Email" && m.direction === "inbound",
    )!;
    const thread = await api.get(`/conversations/${seeded.conversationId}/messages`);
    await expectContract("GET /conversations/{conversationId}/messages", thread, 200);

    const unread = await api.get("/conversations/search", {
      locationId: LOCATION,
      status: "unread",
    });
    const hits = unread.json.conversations as { unreadCount: number }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.unreadCount > 0)).toBe(true);
  });

  it("sends InboundMessage and ConversationUnreadUpdate for a contact's reply", async () => {
    const contactId = newContact({ email: "writes.in@example.com" });
    const response = await fetch(`${running.url}/_sandbox/locations/${LOCATION}/inbound-messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contactId, type: "Email", subject: "Question", body: "Open Sunday?" }),
    });
    expect(response.status).toBe(200);
    const message = (await response.json()) as { id: string; conversationId: string };
    expect((await api.get(`/conversations/messages/${message.id}`)).json).toMatchObject({
      direction: "inbound",
      body: "Open Sunday?",
    });
    await running.control.webhooks.idle();
    const inbound = receiver.ofType("InboundMessage").find((d) => d.body.messageId === message.id);
    expect(inbound?.body).toMatchObject({
      locationId: LOCATION,
      contactId,
      conversationId: message.conversationId,
      messageId: message.id,
      messageType: "Email",
      direction: "inbound",
      body: "Open Sunday?",
      subject: "Question",
      from: "writes.in@example.com",
    });
    const unread = receiver
      .ofType("ConversationUnreadUpdate")
      .find((d) => d.body.id === message.conversationId);
    expect(unread?.body).toMatchObject({
      locationId: LOCATION,
      id: message.conversationId,
      contactId,
      unreadCount: 1,
    });

    const bad = await fetch(`${running.url}/_sandbox/locations/${LOCATION}/inbound-messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contactId, type: "Fax", body: "x" }),
    });
    expect(bad.status).toBe(400);
  });

  it("keeps a location token inside its location", async () => {
    const foreign = [...running.sandbox.state.conversations.values()].find(
      (c) => c.locationId === OTHER_LOCATION,
    )!;
    const response = await api.get(`/conversations/${foreign.id}`);
    expect(response.status).toBe(403);
    expect(response.json.message).toBe("The token does not have access to this location.");
    expect((await api.get(`/conversations/${foreign.id}/messages`)).status).toBe(403);
    expect(
      (
        await api.post("/conversations/messages", {
          type: "SMS",
          contactId: foreign.contactId,
          message: "x",
        })
      ).status,
    ).toBe(403);
    expect((await api.get("/conversations/search", { locationId: OTHER_LOCATION })).status).toBe(
      403,
    );
  });
});
