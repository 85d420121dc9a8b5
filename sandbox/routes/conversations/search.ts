import type { Sandbox } from "../../context";
import { int, str } from "../../core/access";
import type { Contact, Conversation, Message } from "../../store/types";
import { messageTypeOf } from "./render";
import { lastMessageOf } from "./service";

type Hit = { conversation: Conversation; contact: Contact | undefined; last: Message | undefined };

const list = (value: unknown) =>
  (str(value) ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** `startAfterDate` arrives as one number, or as the hit's `sort` array (first value counts). */
const startAfter = (value: unknown) =>
  int(Array.isArray(value) ? (value as unknown[])[0] : value, Number.NaN);

const sortValue = (hit: Hit) => hit.last?.dateAdded ?? hit.conversation.dateAdded;

const matchesText = (hit: Hit, text: string) =>
  [
    hit.contact?.firstName,
    hit.contact?.lastName,
    [hit.contact?.firstName, hit.contact?.lastName].filter(Boolean).join(" "),
    hit.contact?.companyName,
    hit.contact?.email,
    hit.contact?.phone,
    hit.last?.body,
  ].some((field) => field?.toLowerCase().includes(text));

const STATUS_FILTERS: Record<string, (c: Conversation) => boolean> = {
  read: (c) => c.unreadCount === 0,
  unread: (c) => c.unreadCount > 0,
  starred: (c) => c.starred,
};

/**
 * GET /conversations/search: filters, then sorts by last message date (desc unless `sort=asc`)
 * and pages with `startAfterDate` = the last hit's sort value, `limit` default 20.
 */
export const searchConversations = (
  sandbox: Sandbox,
  locationId: string,
  query: Record<string, unknown>,
) => {
  const text = str(query.query)?.trim().toLowerCase();
  const assigned = list(query.assignedTo);
  const statusFilter = STATUS_FILTERS[str(query.status) ?? "all"];
  const from = int(query.startDate, Number.NEGATIVE_INFINITY);
  const to = int(query.endDate, Number.POSITIVE_INFINITY);
  const hits: Hit[] = [];
  for (const conversation of sandbox.state.conversations.values()) {
    if (conversation.locationId !== locationId) continue;
    if (query.contactId && conversation.contactId !== query.contactId) continue;
    if (query.id && conversation.id !== query.id) continue;
    if (statusFilter && !statusFilter(conversation)) continue;
    if (
      assigned.length > 0 &&
      !assigned.some((a) =>
        a === "unassigned" ? !conversation.assignedTo : a === conversation.assignedTo,
      )
    )
      continue;
    const hit = {
      conversation,
      contact: sandbox.state.contacts.get(conversation.contactId),
      last: lastMessageOf(sandbox, conversation),
    };
    if (text && !matchesText(hit, text)) continue;
    if (
      query.lastMessageType &&
      (!hit.last || messageTypeOf(hit.last.channel) !== query.lastMessageType)
    )
      continue;
    if (query.lastMessageDirection && hit.last?.direction !== query.lastMessageDirection) continue;
    const date = sortValue(hit);
    if (date < from || date > to) continue;
    hits.push(hit);
  }
  const ascending = query.sort === "asc";
  hits.sort((a, b) => {
    const diff = ascending ? sortValue(a) - sortValue(b) : sortValue(b) - sortValue(a);
    return diff || (a.conversation.id < b.conversation.id ? -1 : 1);
  });
  const after = startAfter(query.startAfterDate);
  const rest = Number.isNaN(after)
    ? hits
    : hits.filter((hit) => (ascending ? sortValue(hit) > after : sortValue(hit) < after));
  const limit = Math.min(Math.max(int(query.limit, 20), 1), 100);
  return { hits: rest.slice(0, limit), total: hits.length };
};
