/**
 * GHL's webhook `type` values (REFERENCE §4.4) and the names GHL Hub publishes them under.
 * Anything not listed is stored and marked ignored, never refused.
 */
export const GHL_EVENT_TYPES = {
  INSTALL: "app.installed",
  UNINSTALL: "app.uninstalled",
  PLAN_CHANGE: "app.plan.changed",
  ContactCreate: "contact.created",
  ContactUpdate: "contact.updated",
  ContactDelete: "contact.deleted",
  ContactTagUpdate: "contact.tags.changed",
  ContactDndUpdate: "contact.dnd.changed",
  NoteCreate: "note.created",
  NoteUpdate: "note.updated",
  NoteDelete: "note.deleted",
  TaskCreate: "task.created",
  TaskComplete: "task.completed",
  TaskDelete: "task.deleted",
  OpportunityCreate: "opportunity.created",
  OpportunityUpdate: "opportunity.updated",
  OpportunityDelete: "opportunity.deleted",
  OpportunityStageUpdate: "opportunity.stage.changed",
  OpportunityStatusUpdate: "opportunity.status.changed",
  OpportunityMonetaryValueUpdate: "opportunity.value.changed",
  OpportunityAssignedToUpdate: "opportunity.assignee.changed",
  AppointmentCreate: "appointment.created",
  AppointmentUpdate: "appointment.updated",
  AppointmentDelete: "appointment.deleted",
  InboundMessage: "message.inbound",
  OutboundMessage: "message.outbound",
  ConversationUnreadUpdate: "conversation.unread.changed",
  CampaignStatusUpdate: "campaign.status.changed",
  LocationCreate: "location.created",
  LocationUpdate: "location.updated",
  UserCreate: "user.created",
  LCEmailStats: "email.stats",
  InvoiceCreate: "invoice.created",
  InvoiceUpdate: "invoice.updated",
  InvoiceDelete: "invoice.deleted",
  InvoiceSent: "invoice.sent",
  InvoicePaid: "invoice.paid",
  InvoicePartiallyPaid: "invoice.partially_paid",
  InvoiceVoid: "invoice.voided",
  OrderCreate: "order.created",
  OrderStatusUpdate: "order.status.changed",
} as const;

export type GhlEventType = keyof typeof GHL_EVENT_TYPES;
export type HubEventType = (typeof GHL_EVENT_TYPES)[GhlEventType];

export const isKnownGhlType = (type: string): type is GhlEventType =>
  Object.hasOwn(GHL_EVENT_TYPES, type);

export const normaliseEventType = (type: string): HubEventType | null =>
  isKnownGhlType(type) ? GHL_EVENT_TYPES[type] : null;
