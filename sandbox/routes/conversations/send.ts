import type { Sandbox } from "../../context";
import { contactFor, isRecord, locationFor, str } from "../../core/access";
import { errors } from "../../core/errors";
import type { AccessToken, Contact, Conversation, MessageChannel } from "../../store/types";
import { recordMessage, sendOutbound } from "./service";

type Input = Record<string, unknown>;

const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

const looksHtml = (text: string) => /<[a-z][^>]*>/i.test(text);

/** The DND a contact carries for one channel: the global flag, or the channel's own setting. */
const dndBlocks = (contact: Contact, channel: "SMS" | "Email") => {
  const status = contact.dndSettings[channel]?.status;
  return contact.dnd || status === "active" || status === "permanent";
};

/**
 * POST /conversations/messages for SMS and Email (the channels the sandbox has). The contact must
 * be reachable on the channel and not in DND; `scheduledTimestamp` is UTC seconds (REFERENCE §5.5).
 */
export const sendMessage = (sandbox: Sandbox, token: AccessToken, body: Input) => {
  const type = str(body.type) ?? "";
  if (type !== "SMS" && type !== "Email")
    throw errors.badRequest(
      `No conversation provider is configured for ${type} messages; the sandbox sends SMS and Email.`,
    );
  const contact = contactFor(sandbox, token, str(body.contactId));
  const location = locationFor(sandbox, token, contact.locationId);
  if (dndBlocks(contact, type))
    throw errors.badRequest(`Cannot send message as DND is active for ${type}.`);
  const attachments = strings(body.attachments);
  const scheduledSeconds =
    typeof body.scheduledTimestamp === "number" ? body.scheduledTimestamp : 0;
  const scheduledAt =
    scheduledSeconds * 1000 > sandbox.clock.now() ? scheduledSeconds * 1000 : undefined;
  if (type === "SMS") {
    if (!contact.phone)
      throw errors.badRequest("Cannot send SMS: the contact does not have a phone number.");
    const text = str(body.message) ?? "";
    if (!text && attachments.length === 0)
      throw errors.badRequest("message should not be empty (or send attachments)");
    return sendOutbound(sandbox, contact, {
      channel: "SMS",
      direction: "outbound",
      body: text,
      attachments,
      scheduledAt,
      userId: token.userId,
    });
  }
  if (!contact.email)
    throw errors.badRequest("Cannot send Email: the contact does not have an email address.");
  const html = str(body.html);
  const text = html ?? str(body.message) ?? "";
  if (!text && attachments.length === 0)
    throw errors.badRequest("html or message should not be empty (or send attachments)");
  return sendOutbound(sandbox, contact, {
    channel: "Email",
    direction: "outbound",
    body: text,
    contentType: html !== undefined || looksHtml(text) ? "text/html" : "text/plain",
    subject: str(body.subject) ?? null,
    emailFrom: str(body.emailFrom) ?? `${location.name} <${location.email}>`,
    emailTo: [contact.email],
    threadId: str(body.threadId),
    attachments,
    scheduledAt,
    userId: token.userId,
  });
};

const CHANNELS: Record<string, MessageChannel> = { SMS: "SMS", Email: "Email", Call: "Call" };

/** The `date` of a provider's message, when it is a valid date-time. */
const dateOf = (value: unknown) => {
  const parsed = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * POST /conversations/messages/inbound and /outbound: a custom conversation provider records a
 * message it carried. /inbound defaults to inbound; `direction` may say otherwise.
 */
export const processProviderMessage = (
  sandbox: Sandbox,
  conversation: Conversation,
  body: Input,
  defaultDirection: "inbound" | "outbound",
) => {
  const channel = CHANNELS[str(body.type) ?? ""];
  if (!channel)
    throw errors.badRequest(
      `The sandbox records SMS, Email and Call messages, not ${str(body.type) ?? ""}.`,
    );
  const contactId = str(body.contactId) ?? conversation.contactId;
  if (contactId !== conversation.contactId)
    throw errors.badRequest(`Contact with id ${contactId} is not part of this conversation`);
  const contact = sandbox.state.contacts.get(conversation.contactId);
  if (!contact) throw errors.badRequest(`Contact with id ${contactId} not found`);
  const direction =
    body.direction === "inbound" || body.direction === "outbound"
      ? body.direction
      : defaultDirection;
  const html = str(body.html);
  const text = html ?? str(body.message) ?? "";
  const call = isRecord(body.call) ? body.call : {};
  const location = sandbox.state.locations.get(contact.locationId);
  const business = location ? `${location.name} <${location.email}>` : null;
  return recordMessage(sandbox, contact, {
    channel,
    direction,
    body: channel === "Call" ? "" : text,
    contentType:
      channel === "Email" && (html !== undefined || looksHtml(text)) ? "text/html" : "text/plain",
    attachments: strings(body.attachments),
    conversationProviderId: str(body.conversationProviderId) ?? null,
    dateAdded: dateOf(body.date),
    callStatus: channel === "Call" ? (str(call.status) ?? "completed") : null,
    source: "app",
    ...(channel === "Email"
      ? {
          subject: str(body.subject) ?? null,
          threadId: str(body.emailMessageId),
          emailFrom: str(body.emailFrom) ?? (direction === "inbound" ? contact.email : business),
          emailTo: [
            str(body.emailTo) ?? (direction === "inbound" ? business : contact.email) ?? "",
          ].filter(Boolean),
        }
      : {}),
  });
};

/** A contact writes in (control API): InboundMessage, then ConversationUnreadUpdate. */
export const receiveInboundMessage = (
  sandbox: Sandbox,
  locationId: string,
  input: { contactId: string; type: "SMS" | "Email"; body: string; subject?: string },
) => {
  const location = sandbox.state.locations.get(locationId);
  if (!location) throw new Error(`unknown location ${locationId}`);
  const contact = sandbox.state.contacts.get(input.contactId);
  if (!contact || contact.locationId !== location.id)
    throw new Error(`no contact ${input.contactId} in location ${locationId}`);
  if (input.type === "SMS" && !contact.phone)
    throw new Error(`contact ${contact.id} has no phone number to text from`);
  if (input.type === "Email" && !contact.email)
    throw new Error(`contact ${contact.id} has no email address to write from`);
  return recordMessage(sandbox, contact, {
    channel: input.type,
    direction: "inbound",
    body: input.body,
    contentType: input.type === "Email" && looksHtml(input.body) ? "text/html" : "text/plain",
    ...(input.type === "Email"
      ? {
          subject: input.subject ?? null,
          emailFrom: contact.email,
          emailTo: [location.email],
        }
      : {}),
  });
};
