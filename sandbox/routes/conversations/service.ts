import type { Sandbox } from "../../context";
import { locationFor } from "../../core/access";
import { errors } from "../../core/errors";
import type { AccessToken, Contact, Conversation, Message } from "../../store/types";
import { messageEventData, unreadEventData } from "./render";

/** How long a queued message takes to reach `sent`, then `delivered` (real time). */
export const DELIVERY_STEPS_MS = { sent: 40, delivered: 120 } as const;

/** Node caps setTimeout at 2^31-1 ms; longer waits re-arm when they fire. */
const MAX_TIMER_MS = 2_147_483_647;

const later = (ms: number, fn: () => void) => {
  setTimeout(fn, Math.min(Math.max(ms, 0), MAX_TIMER_MS)).unref();
};

/** Unknown ids are a 400, as for contacts (REFERENCE §5.1, unconfirmed); another location's a 403. */
export const conversationFor = (sandbox: Sandbox, token: AccessToken, id: string | undefined) => {
  const conversation = id ? sandbox.state.conversations.get(id) : undefined;
  if (!conversation) throw errors.badRequest(`Conversation with id ${id ?? ""} not found`);
  locationFor(sandbox, token, conversation.locationId);
  return conversation;
};

export const messageFor = (sandbox: Sandbox, token: AccessToken, id: string | undefined) => {
  const message = id ? sandbox.state.messages.get(id) : undefined;
  if (!message) throw errors.badRequest(`Message with id ${id ?? ""} not found`);
  locationFor(sandbox, token, message.locationId);
  return message;
};

export const findConversation = (sandbox: Sandbox, contactId: string) => {
  for (const conversation of sandbox.state.conversations.values())
    if (conversation.contactId === contactId) return conversation;
  return undefined;
};

export const lastMessageOf = (sandbox: Sandbox, conversation: Conversation) =>
  conversation.lastMessageId ? sandbox.state.messages.get(conversation.lastMessageId) : undefined;

/** GHL keeps one conversation per contact. */
export const createConversation = (sandbox: Sandbox, contact: Contact, at?: number) => {
  const now = at ?? sandbox.clock.now();
  const conversation: Conversation = {
    id: sandbox.ids.ghl(),
    locationId: contact.locationId,
    contactId: contact.id,
    unreadCount: 0,
    starred: false,
    assignedTo: contact.assignedTo,
    lastMessageId: null,
    dateAdded: now,
    dateUpdated: now,
  };
  sandbox.state.conversations.set(conversation.id, conversation);
  return conversation;
};

export const conversationOf = (sandbox: Sandbox, contact: Contact, at?: number) =>
  findConversation(sandbox, contact.id) ?? createConversation(sandbox, contact, at);

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export type NewMessage = Pick<Message, "channel" | "direction" | "body"> & Partial<Message>;

/** Stores a message in its contact's conversation; a scheduled one is not "last" until it goes. */
export const addMessage = (
  sandbox: Sandbox,
  contact: Contact,
  input: NewMessage,
  thread?: Conversation,
) => {
  const now = sandbox.clock.now();
  const conversation = thread ?? conversationOf(sandbox, contact, input.dateAdded ?? now);
  const message: Message = {
    id: sandbox.ids.ghl(),
    locationId: contact.locationId,
    conversationId: conversation.id,
    contactId: contact.id,
    status: "delivered",
    contentType: "text/plain",
    subject: null,
    emailMessageId: input.channel === "Email" ? sandbox.ids.ghl() : null,
    threadId: null,
    emailTo: [],
    emailFrom: null,
    attachments: [],
    userId: null,
    source: "api",
    conversationProviderId: null,
    callStatus: null,
    scheduledAt: null,
    dateAdded: now,
    ...defined(input),
    channel: input.channel,
    direction: input.direction,
    body: input.body,
  };
  if (message.channel === "Email") message.threadId ??= message.emailMessageId;
  sandbox.state.messages.set(message.id, message);
  if (message.status !== "scheduled") touch(sandbox, conversation, message);
  return { conversation, message };
};

/** A back-dated message (a provider's `date`) does not displace a newer last message. */
const touch = (sandbox: Sandbox, conversation: Conversation, message: Message) => {
  const last = lastMessageOf(sandbox, conversation);
  if (last && last.dateAdded > message.dateAdded) return;
  conversation.lastMessageId = message.id;
  conversation.dateUpdated = Math.max(conversation.dateUpdated, message.dateAdded);
};

const isCurrent = (sandbox: Sandbox, message: Message) =>
  sandbox.state.messages.get(message.id) === message;

/** pending → sent → delivered, unless something (a status update, a reset) got there first. */
const progress = (sandbox: Sandbox, message: Message) =>
  later(DELIVERY_STEPS_MS.sent, () => {
    if (!isCurrent(sandbox, message) || message.status !== "pending") return;
    message.status = "sent";
    later(DELIVERY_STEPS_MS.delivered, () => {
      if (isCurrent(sandbox, message) && message.status === "sent") message.status = "delivered";
    });
  });

const emitMessage = (sandbox: Sandbox, message: Message) =>
  sandbox.emit({
    type: message.direction === "inbound" ? "InboundMessage" : "OutboundMessage",
    locationId: message.locationId,
    data: messageEventData(message),
  });

export const setUnread = (sandbox: Sandbox, conversation: Conversation, unreadCount: number) => {
  if (conversation.unreadCount === unreadCount) return;
  conversation.unreadCount = unreadCount;
  sandbox.emit({
    type: "ConversationUnreadUpdate",
    locationId: conversation.locationId,
    data: unreadEventData(conversation),
  });
};

/** An outbound message leaves now: OutboundMessage webhook, then the delivery progression. */
const dispatch = (sandbox: Sandbox, message: Message) => {
  const conversation = sandbox.state.conversations.get(message.conversationId);
  message.status = "pending";
  message.scheduledAt = null;
  message.dateAdded = sandbox.clock.now();
  if (conversation) touch(sandbox, conversation, message);
  emitMessage(sandbox, message);
  progress(sandbox, message);
};

/** Sends scheduled messages whose time has come (the clock may have been moved forward). */
export const releaseDue = (sandbox: Sandbox) => {
  const now = sandbox.clock.now();
  for (const message of sandbox.state.messages.values())
    if (message.status === "scheduled" && (message.scheduledAt ?? 0) <= now)
      dispatch(sandbox, message);
};

const armSchedule = (sandbox: Sandbox, message: Message) =>
  later((message.scheduledAt ?? 0) - sandbox.clock.now(), () => {
    if (!isCurrent(sandbox, message) || message.status !== "scheduled") return;
    if ((message.scheduledAt ?? 0) <= sandbox.clock.now()) dispatch(sandbox, message);
    else armSchedule(sandbox, message);
  });

/** An outbound message from the API: goes now, or at `scheduledAt`. */
export const sendOutbound = (sandbox: Sandbox, contact: Contact, input: NewMessage) => {
  const scheduled = input.scheduledAt !== undefined && input.scheduledAt !== null;
  const { conversation, message } = addMessage(sandbox, contact, {
    ...input,
    direction: "outbound",
    status: scheduled ? "scheduled" : "pending",
  });
  if (scheduled) armSchedule(sandbox, message);
  else {
    emitMessage(sandbox, message);
    progress(sandbox, message);
  }
  return { conversation, message };
};

/** A message recorded as already delivered (a contact's reply, a provider's log, a call). */
export const recordMessage = (sandbox: Sandbox, contact: Contact, input: NewMessage) => {
  const { conversation, message } = addMessage(sandbox, contact, input);
  emitMessage(sandbox, message);
  if (message.direction === "inbound")
    setUnread(sandbox, conversation, conversation.unreadCount + 1);
  return { conversation, message };
};

export const deleteConversation = (sandbox: Sandbox, conversation: Conversation) => {
  sandbox.state.conversations.delete(conversation.id);
  for (const [id, message] of sandbox.state.messages)
    if (message.conversationId === conversation.id) sandbox.state.messages.delete(id);
};

export const messagesOf = (sandbox: Sandbox, conversationId: string) => {
  const list: Message[] = [];
  for (const message of sandbox.state.messages.values())
    if (message.conversationId === conversationId) list.push(message);
  // Newest first; among equal times, the later-stored message first.
  return list.reverse().sort((a, b) => b.dateAdded - a.dateAdded);
};
