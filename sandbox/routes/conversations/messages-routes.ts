import { int, isRecord, iso, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import type { Message } from "../../store/types";
import { messageTypeOf, renderMessage } from "./render";
import { processProviderMessage, sendMessage } from "./send";
import { conversationFor, messageFor, messagesOf, releaseDue } from "./service";

const bodyOf = (body: unknown) => (isRecord(body) ? body : {});

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

const sendResult = (message: Message) => ({
  conversationId: message.conversationId,
  messageId: message.id,
  ...(message.emailMessageId ? { emailMessageId: message.emailMessageId } : {}),
});

const processResult = (message: Message) => ({
  success: true,
  ...sendResult(message),
  message: "Message added successfully",
  contactId: message.contactId,
  dateAdded: iso(message.dateAdded),
});

/** The export cursor is opaque to clients; here it is the base64 of the next offset. */
const cursorOffset = (cursor: unknown) => {
  const raw = str(cursor);
  if (!raw) return 0;
  const offset = Number.parseInt(Buffer.from(raw, "base64").toString("utf8"), 10);
  if (!Number.isFinite(offset) || offset < 0) throw errors.badRequest("Invalid cursor");
  return offset;
};

export const messagesRoutes: RouteTable = {
  "POST /conversations/messages": (sandbox, { body, token }) => {
    const { message } = sendMessage(sandbox, token, bodyOf(body));
    // The send answer's status enum has no "scheduled": a scheduled message is still pending.
    return {
      status: 200,
      body: { ...sendResult(message), msg: "Message queued successfully.", status: "pending" },
    };
  },

  "GET /conversations/messages/{id}": (sandbox, { params, token }) => {
    releaseDue(sandbox);
    return { status: 200, body: renderMessage(messageFor(sandbox, token, params.id)) };
  },

  /** Nested under `messages` in practice (spec patched, REFERENCE §5.1); newest first. */
  "GET /conversations/{conversationId}/messages": (sandbox, { params, query, token }) => {
    releaseDue(sandbox);
    const conversation = conversationFor(sandbox, token, params.conversationId);
    const limit = clamp(int(query.limit, 20), 1, 100);
    const types = new Set((str(query.type) ?? "").split(",").filter(Boolean));
    const all = messagesOf(sandbox, conversation.id).filter(
      (m) => types.size === 0 || types.has(messageTypeOf(m.channel)),
    );
    const cursor = str(query.lastMessageId);
    const from = cursor ? all.findIndex((m) => m.id === cursor) + 1 : 0;
    // An unknown cursor reads as the end of the thread rather than its start.
    const page = cursor && from === 0 ? [] : all.slice(from, from + limit);
    return {
      status: 200,
      body: {
        messages: {
          lastMessageId: page.at(-1)?.id ?? cursor ?? "",
          nextPage: page.length > 0 && from + page.length < all.length,
          messages: page.map(renderMessage),
        },
      },
    };
  },

  "GET /conversations/messages/export": (sandbox, { query, token }) => {
    releaseDue(sandbox);
    const location = locationFor(sandbox, token, query.locationId);
    const limit = clamp(int(query.limit, 100), 10, 500);
    const channel = str(query.channel);
    const start = Date.parse(str(query.startDate) ?? "");
    const end = Date.parse(str(query.endDate) ?? "");
    const all = [...sandbox.state.messages.values()]
      .filter(
        (m) =>
          m.locationId === location.id &&
          (!query.conversationId || m.conversationId === query.conversationId) &&
          (!query.contactId || m.contactId === query.contactId) &&
          (channel ? m.channel === channel : m.channel !== "Email") &&
          !(m.dateAdded < start) &&
          !(m.dateAdded > end),
      )
      .sort((a, b) =>
        query.sortOrder === "asc" ? a.dateAdded - b.dateAdded : b.dateAdded - a.dateAdded,
      );
    const offset = cursorOffset(query.cursor);
    const next = offset + limit;
    return {
      status: 200,
      body: {
        messages: all.slice(offset, next).map(renderMessage),
        ...(next < all.length ? { nextCursor: Buffer.from(String(next)).toString("base64") } : {}),
        total: all.length,
      },
    };
  },

  /** Used by custom conversation providers to report delivery (REFERENCE §5.5). */
  "PUT /conversations/messages/{messageId}/status": (sandbox, { params, body, token }) => {
    const message = messageFor(sandbox, token, params.messageId);
    const status = str(bodyOf(body).status);
    if (status === "delivered" || status === "failed" || status === "pending" || status === "read")
      message.status = status;
    return { status: 200, body: { ...sendResult(message), status: message.status } };
  },

  "DELETE /conversations/messages/{messageId}/schedule": (sandbox, { params, token }) => {
    const message = messageFor(sandbox, token, params.messageId);
    if (message.status !== "scheduled")
      throw errors.badRequest("Failed cancel the scheduled message");
    sandbox.state.messages.delete(message.id);
    return { status: 200, body: { status: 200, message: "Scheduled message cancelled" } };
  },

  "POST /conversations/messages/inbound": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const conversation = conversationFor(sandbox, token, str(input.conversationId));
    const { message } = processProviderMessage(sandbox, conversation, input, "inbound");
    return { status: 200, body: processResult(message) };
  },

  /** External outbound calls only (the spec's `type` enum is ["Call"]). */
  "POST /conversations/messages/outbound": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const conversation = conversationFor(sandbox, token, str(input.conversationId));
    const { message } = processProviderMessage(sandbox, conversation, input, "outbound");
    return { status: 200, body: processResult(message) };
  },
};
