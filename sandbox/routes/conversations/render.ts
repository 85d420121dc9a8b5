import { iso } from "../../core/access";
import type { Contact, Conversation, Message, MessageChannel } from "../../store/types";

/** Numeric `type` and `messageType` of a message: type 1 is a call, 3 an email (spec descriptions). */
const MESSAGE_TYPES: Record<MessageChannel, { type: number; messageType: string; event: string }> =
  {
    Call: { type: 1, messageType: "TYPE_CALL", event: "CALL" },
    SMS: { type: 2, messageType: "TYPE_SMS", event: "SMS" },
    Email: { type: 3, messageType: "TYPE_EMAIL", event: "Email" },
  };

export const messageTypeOf = (channel: MessageChannel) => MESSAGE_TYPES[channel].messageType;

/** Drops null and undefined fields: GHL omits what a record does not have. */
const compact = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;

/** Message object (GetMessageResponseDto, REFERENCE §5.5). */
export const renderMessage = (m: Message) =>
  compact({
    id: m.id,
    type: MESSAGE_TYPES[m.channel].type,
    messageType: MESSAGE_TYPES[m.channel].messageType,
    locationId: m.locationId,
    contactId: m.contactId,
    conversationId: m.conversationId,
    dateAdded: iso(m.dateAdded),
    body: m.body,
    direction: m.direction,
    status: m.status,
    contentType: m.contentType,
    attachments: m.attachments,
    meta:
      m.channel === "Email"
        ? { email: { messageIds: [m.emailMessageId] } }
        : m.channel === "Call"
          ? compact({ callStatus: m.callStatus })
          : undefined,
    source: m.direction === "outbound" ? m.source : null,
    userId: m.userId,
    conversationProviderId: m.conversationProviderId,
  });

/** InboundMessage / OutboundMessage webhook data (webhook samples, REFERENCE §4.4). */
export const messageEventData = (m: Message) =>
  compact({
    contactId: m.contactId,
    conversationId: m.conversationId,
    messageId: m.id,
    messageType: MESSAGE_TYPES[m.channel].event,
    direction: m.direction,
    // Call webhooks carry the dialer's outcome as `status` (samples: "completed", "voicemail").
    status: m.channel === "Call" ? (m.callStatus ?? "completed") : m.status,
    body: m.channel === "Call" ? null : m.body,
    contentType: m.channel === "Call" ? null : m.contentType,
    attachments: m.attachments,
    dateAdded: iso(m.dateAdded),
    source: m.direction === "outbound" ? m.source : null,
    userId: m.userId,
    conversationProviderId: m.conversationProviderId,
    ...(m.channel === "Email"
      ? {
          emailMessageId: m.emailMessageId,
          from: m.emailFrom,
          to: m.emailTo,
          threadId: m.threadId,
          subject: m.subject,
        }
      : {}),
    callStatus: m.channel === "Call" ? (m.callStatus ?? "completed") : null,
  });

/** ConversationUnreadUpdate webhook data (ConversationUnreadWebhook sample). */
export const unreadEventData = (c: Conversation) => ({
  id: c.id,
  contactId: c.contactId,
  deleted: false,
  inbox: true,
  starred: c.starred,
  unreadCount: c.unreadCount,
});

/** A conversation is a phone thread unless its contact can only be emailed. */
const isEmailOnly = (contact: Contact | undefined) => !contact?.phone && Boolean(contact?.email);

const lastDate = (c: Conversation, last: Message | undefined) => last?.dateAdded ?? c.dateAdded;

const fullName = (contact: Contact | undefined) =>
  [contact?.firstName, contact?.lastName].filter(Boolean).join(" ");

/** GET /conversations/{id} (GetConversationByIdResponse): type 1 phone, 2 email. */
export const renderConversation = (
  c: Conversation,
  contact: Contact | undefined,
  last: Message | undefined,
) =>
  compact({
    id: c.id,
    contactId: c.contactId,
    locationId: c.locationId,
    deleted: false,
    inbox: true,
    type: isEmailOnly(contact) ? 2 : 1,
    unreadCount: c.unreadCount,
    assignedTo: c.assignedTo,
    starred: c.starred,
    dateAdded: c.dateAdded,
    dateUpdated: c.dateUpdated,
    lastMessageDate: lastDate(c, last),
    lastMessageBody: last?.body,
    lastMessageType: last ? messageTypeOf(last.channel) : null,
    lastMessageDirection: last?.direction,
  });

/** PUT /conversations/{id} (ConversationDto): the spec types lastMessageDate as an epoch string. */
export const renderConversationDto = (c: Conversation, last: Message | undefined) =>
  compact({
    id: c.id,
    locationId: c.locationId,
    contactId: c.contactId,
    assignedTo: c.assignedTo,
    lastMessageBody: last?.body,
    lastMessageDate: String(lastDate(c, last)),
    lastMessageType: last ? messageTypeOf(last.channel) : null,
    unreadCount: c.unreadCount,
    inbox: true,
    starred: c.starred,
    deleted: false,
  });

/** POST /conversations/ (ConversationCreateResponseDto): ISO dates. */
export const renderCreatedConversation = (c: Conversation) =>
  compact({
    id: c.id,
    dateUpdated: iso(c.dateUpdated),
    dateAdded: iso(c.dateAdded),
    deleted: false,
    contactId: c.contactId,
    locationId: c.locationId,
    lastMessageDate: iso(c.dateAdded),
    assignedTo: c.assignedTo,
  });

/**
 * A GET /conversations/search hit (ConversationSchema). The spec requires every string field, so
 * what the contact or the thread lacks is an empty string; a thread without messages reports
 * its channel's type. `sort` holds the value `startAfterDate` pages on.
 */
export const renderSearchHit = (
  c: Conversation,
  contact: Contact | undefined,
  last: Message | undefined,
) => {
  const name = fullName(contact);
  const date = lastDate(c, last);
  return {
    id: c.id,
    contactId: c.contactId,
    locationId: c.locationId,
    lastMessageBody: last?.body ?? "",
    lastMessageType: last
      ? messageTypeOf(last.channel)
      : isEmailOnly(contact)
        ? "TYPE_EMAIL"
        : "TYPE_SMS",
    ...(last ? { lastMessageDirection: last.direction } : {}),
    type: isEmailOnly(contact) ? "TYPE_EMAIL" : "TYPE_PHONE",
    unreadCount: c.unreadCount,
    fullName: name,
    contactName: name || contact?.companyName || "",
    email: contact?.email ?? "",
    phone: contact?.phone ?? "",
    ...(c.assignedTo ? { assignedTo: c.assignedTo } : {}),
    starred: c.starred,
    inbox: true,
    deleted: false,
    dateAdded: c.dateAdded,
    dateUpdated: c.dateUpdated,
    lastMessageDate: date,
    sort: [date],
  };
};
