import type { GhlEventType } from "../event-types";
import { appInstalled, appUninstalled, planChanged } from "./app-lifecycle";
import { appointmentDeleted, appointmentSnapshot } from "./mirror-appointments";
import { contactDeleted, contactSnapshot } from "./mirror-contacts";
import { opportunityDeleted, opportunitySnapshot } from "./mirror-opportunities";
import type { EventHandler } from "./types";

/** Only published (for automations): known events whose data GHL Hub does not mirror yet. */
const publishOnly: EventHandler = { scope: "location" };
const publishOnlyAgency: EventHandler = { scope: "agency" };

export const HANDLERS: Record<GhlEventType, EventHandler> = {
  INSTALL: appInstalled,
  UNINSTALL: appUninstalled,
  PLAN_CHANGE: planChanged,
  ContactCreate: contactSnapshot,
  ContactUpdate: contactSnapshot,
  ContactTagUpdate: contactSnapshot,
  ContactDndUpdate: contactSnapshot,
  ContactDelete: contactDeleted,
  NoteCreate: publishOnly,
  NoteUpdate: publishOnly,
  NoteDelete: publishOnly,
  TaskCreate: publishOnly,
  TaskComplete: publishOnly,
  TaskDelete: publishOnly,
  OpportunityCreate: opportunitySnapshot,
  OpportunityUpdate: opportunitySnapshot,
  OpportunityStageUpdate: opportunitySnapshot,
  OpportunityStatusUpdate: opportunitySnapshot,
  OpportunityMonetaryValueUpdate: opportunitySnapshot,
  OpportunityAssignedToUpdate: opportunitySnapshot,
  OpportunityDelete: opportunityDeleted,
  AppointmentCreate: appointmentSnapshot,
  AppointmentUpdate: appointmentSnapshot,
  AppointmentDelete: appointmentDeleted,
  InboundMessage: publishOnly,
  OutboundMessage: publishOnly,
  ConversationUnreadUpdate: publishOnly,
  CampaignStatusUpdate: publishOnly,
  LocationCreate: publishOnlyAgency,
  LocationUpdate: publishOnlyAgency,
  UserCreate: publishOnlyAgency,
  LCEmailStats: publishOnly,
  InvoiceCreate: publishOnly,
  InvoiceUpdate: publishOnly,
  InvoiceDelete: publishOnly,
  InvoiceSent: publishOnly,
  InvoicePaid: publishOnly,
  InvoicePartiallyPaid: publishOnly,
  InvoiceVoid: publishOnly,
  OrderCreate: publishOnly,
  OrderStatusUpdate: publishOnly,
};
