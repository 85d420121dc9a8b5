import { contactFor, isRecord, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import { messagesRoutes } from "./messages-routes";
import {
  renderConversation,
  renderConversationDto,
  renderCreatedConversation,
  renderSearchHit,
} from "./render";
import { searchConversations } from "./search";
import {
  conversationFor,
  createConversation,
  deleteConversation,
  findConversation,
  lastMessageOf,
  releaseDue,
  setUnread,
} from "./service";

const bodyOf = (body: unknown) => (isRecord(body) ? body : {});

export const conversationsRoutes: RouteTable = {
  "GET /conversations/search": (sandbox, { query, token }) => {
    releaseDue(sandbox);
    const location = locationFor(sandbox, token, query.locationId);
    const { hits, total } = searchConversations(sandbox, location.id, query);
    return {
      status: 200,
      body: {
        conversations: hits.map((hit) => renderSearchHit(hit.conversation, hit.contact, hit.last)),
        total,
      },
    };
  },

  "GET /conversations/{conversationId}": (sandbox, { params, token }) => {
    releaseDue(sandbox);
    const conversation = conversationFor(sandbox, token, params.conversationId);
    return {
      status: 200,
      body: renderConversation(
        conversation,
        sandbox.state.contacts.get(conversation.contactId),
        lastMessageOf(sandbox, conversation),
      ),
    };
  },

  /** Marking read/unread or starring; an unreadCount change sends ConversationUnreadUpdate. */
  "PUT /conversations/{conversationId}": (sandbox, { params, body, token }) => {
    const input = bodyOf(body);
    const conversation = conversationFor(sandbox, token, params.conversationId);
    const location = locationFor(sandbox, token, input.locationId);
    if (location.id !== conversation.locationId)
      throw errors.badRequest(`Conversation with id ${conversation.id} not found`);
    if (typeof input.starred === "boolean") conversation.starred = input.starred;
    if (typeof input.unreadCount === "number")
      setUnread(sandbox, conversation, Math.max(0, Math.trunc(input.unreadCount)));
    conversation.dateUpdated = Math.max(sandbox.clock.now(), conversation.dateUpdated);
    return {
      status: 200,
      body: {
        success: true,
        conversation: renderConversationDto(conversation, lastMessageOf(sandbox, conversation)),
      },
    };
  },

  "DELETE /conversations/{conversationId}": (sandbox, { params, token }) => {
    deleteConversation(sandbox, conversationFor(sandbox, token, params.conversationId));
    return { status: 200, body: { success: true } };
  },

  /** One conversation per contact: a second is refused with the existing one's id. */
  "POST /conversations/": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const contact = contactFor(sandbox, token, str(input.contactId));
    if (contact.locationId !== location.id)
      throw errors.badRequest(`Contact with id ${contact.id} not found`);
    const existing = findConversation(sandbox, contact.id);
    if (existing)
      throw errors.badRequest("Conversation already exists", { conversationId: existing.id });
    return {
      status: 201,
      body: {
        success: true,
        conversation: renderCreatedConversation(createConversation(sandbox, contact)),
      },
    };
  },

  ...messagesRoutes,
};
