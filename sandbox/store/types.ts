/**
 * The sandbox's world, held in memory. Times are epoch milliseconds; routes render them as GHL does
 * (ISO strings, or epoch where GHL uses epoch).
 */

export type Company = {
  id: string;
  name: string;
  email: string;
  phone: string;
  website: string;
  dateAdded: number;
};

export type LocationSettings = {
  allowDuplicateContact: boolean;
  allowDuplicateOpportunity: boolean;
  allowFacebookNameMerge: boolean;
  disableContactTimezone: boolean;
};

export type Location = {
  id: string;
  companyId: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  website: string;
  timezone: string;
  settings: LocationSettings;
  /** "Location is not active" when false (billing failure, suspension). */
  active: boolean;
  dateAdded: number;
  /** The prospect the sub-account was created for (CreateLocationDto.prospectInfo). */
  firstName?: string;
  lastName?: string;
  domain?: string;
  logoUrl?: string;
  social?: Record<string, string>;
  snapshotId?: string;
};

export type User = {
  id: string;
  companyId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** `agency` users belong to the company; `account` users to locations. */
  type: "agency" | "account";
  role: "admin" | "user";
  locationIds: string[];
  deleted: boolean;
  dateAdded: number;
  extension?: string;
  permissions?: Record<string, boolean>;
  scopes?: string[];
  scopesAssignedToOnly?: string[];
  profilePhoto?: string;
  platformLanguage?: string;
  /** locationId → the user's LC phone number there. */
  lcPhone?: Record<string, string>;
};

export type App = {
  /** 24-hex app id; the client id is `<appId>-<suffix>`. */
  appId: string;
  versionId: string;
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  scopes: string[];
  /** The app's default webhook URL: INSTALL/UNINSTALL and every event for its installations. */
  webhookUrl: string | null;
};

export type Installation = {
  appId: string;
  companyId: string;
  /** null for an agency-level (company) installation. */
  locationId: string | null;
  installToFutureLocations: boolean;
  installedAt: number;
};

export type TokenKind = "location" | "company";

export type AccessToken = {
  token: string;
  kind: TokenKind;
  /** null for Private Integration Tokens, which belong to no app. */
  clientId: string | null;
  pit: boolean;
  companyId: string;
  locationId: string | null;
  userId: string;
  scopes: string[];
  /** null: never expires (PITs). */
  expiresAt: number | null;
  revoked: boolean;
};

export type RefreshToken = {
  token: string;
  clientId: string;
  kind: TokenKind;
  companyId: string;
  locationId: string | null;
  userId: string;
  scopes: string[];
  approvedLocations: string[];
  /** Refresh tokens are single-use: a spent one fails with invalid_grant. */
  spent: boolean;
  revoked: boolean;
  expiresAt: number;
};

export type AuthorizationCode = {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  kind: TokenKind;
  companyId: string;
  locationIds: string[];
  userId: string;
  installToFutureLocations: boolean;
  expiresAt: number;
  used: boolean;
};

export type CustomFieldValue = { id: string; value: unknown };

export type Contact = {
  id: string;
  locationId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  address1: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  postalCode: string | null;
  website: string | null;
  timezone: string | null;
  source: string | null;
  type: string;
  assignedTo: string | null;
  dateOfBirth: string | null;
  dnd: boolean;
  dndSettings: Record<string, { status: string; message?: string; code?: string }>;
  tags: string[];
  customFields: CustomFieldValue[];
  additionalEmails: string[];
  businessId: string | null;
  followers: string[];
  dateAdded: number;
  dateUpdated: number;
};

export type Note = {
  id: string;
  contactId: string;
  body: string;
  title: string | null;
  color: string | null;
  pinned: boolean;
  userId: string | null;
  dateAdded: number;
};

export type Task = {
  id: string;
  contactId: string;
  title: string;
  body: string | null;
  assignedTo: string | null;
  dueDate: string;
  completed: boolean;
  dateAdded: number;
};

export type PipelineStage = { id: string; name: string; position: number };

export type Pipeline = { id: string; locationId: string; name: string; stages: PipelineStage[] };

export type OpportunityStatus = "open" | "won" | "lost" | "abandoned";

export type Opportunity = {
  id: string;
  locationId: string;
  name: string;
  pipelineId: string;
  pipelineStageId: string;
  status: OpportunityStatus;
  monetaryValue: number;
  contactId: string;
  assignedTo: string | null;
  source: string | null;
  lostReasonId: string | null;
  customFields: { id: string; fieldValue: unknown }[];
  followers: string[];
  lastStatusChangeAt: number;
  lastStageChangeAt: number;
  createdAt: number;
  updatedAt: number;
};

/** GHL's open-hours shape: wall-clock hours in the location's time zone, per weekday (0 = Sunday). */
export type CalendarOpenHour = {
  daysOfTheWeek: number[];
  hours: { openHour: number; openMinute: number; closeHour: number; closeMinute: number }[];
};

export type Calendar = {
  id: string;
  locationId: string;
  groupId: string | null;
  name: string;
  description: string;
  slug: string;
  calendarType:
    "round_robin" | "event" | "class_booking" | "collective" | "service_booking" | "personal";
  /** Minutes. */
  slotDuration: number;
  /** Minutes between slot starts. */
  slotInterval: number;
  /** Bookings one slot takes before it stops being free. */
  appoinmentPerSlot: number;
  teamMembers: string[];
  openHours: CalendarOpenHour[];
  isActive: boolean;
  dateAdded: number;
};

export type AppointmentStatus =
  "new" | "confirmed" | "cancelled" | "showed" | "noshow" | "invalid" | "active" | "completed";

export type Appointment = {
  id: string;
  locationId: string;
  calendarId: string;
  /** "" for a blocked slot. */
  contactId: string;
  title: string;
  status: AppointmentStatus;
  assignedUserId: string | null;
  address: string | null;
  notes: string | null;
  description: string | null;
  meetingLocationType: string | null;
  rrule: string | null;
  source: string;
  /** Blocked slots are events too in GHL (same ids, same delete route); they have no contact. */
  blocked?: boolean;
  startTime: number;
  endTime: number;
  dateAdded: number;
  dateUpdated: number;
};

export type Conversation = {
  id: string;
  locationId: string;
  contactId: string;
  unreadCount: number;
  starred: boolean;
  assignedTo: string | null;
  lastMessageId: string | null;
  dateAdded: number;
  dateUpdated: number;
};

export type MessageChannel = "SMS" | "Email" | "Call";

export type Message = {
  id: string;
  locationId: string;
  conversationId: string;
  contactId: string;
  channel: MessageChannel;
  direction: "inbound" | "outbound";
  status: "pending" | "sent" | "delivered" | "read" | "failed" | "undelivered" | "scheduled";
  body: string;
  contentType: "text/plain" | "text/html";
  subject: string | null;
  /** Email messages: the id replies thread on, and the thread it belongs to. */
  emailMessageId: string | null;
  threadId: string | null;
  emailTo: string[];
  emailFrom: string | null;
  attachments: string[];
  userId: string | null;
  source: "api" | "app" | "workflow" | "campaign";
  conversationProviderId: string | null;
  /** Calls logged through the API: the dialer's status (completed, voicemail, …). */
  callStatus: string | null;
  /** When a `scheduled` message goes out (epoch ms). */
  scheduledAt: number | null;
  dateAdded: number;
};

export type Campaign = {
  id: string;
  locationId: string;
  name: string;
  status: "published" | "draft";
};

export type Workflow = {
  id: string;
  locationId: string;
  name: string;
  status: "published" | "draft";
  version: number;
  createdAt: number;
  updatedAt: number;
};

export type CustomField = {
  id: string;
  locationId: string;
  name: string;
  fieldKey: string;
  dataType: string;
  placeholder: string;
  position: number;
  model: "contact" | "opportunity";
  picklistOptions: string[];
  acceptedFormat?: string[];
  isMultipleFile?: boolean;
  maxNumberOfFiles?: number;
  textBoxListOptions?: { label: string; prefillValue: string }[];
};

export type CustomValue = {
  id: string;
  locationId: string;
  name: string;
  fieldKey: string;
  value: string;
};

export type LocationTag = { id: string; locationId: string; name: string };

export type Form = { id: string; locationId: string; name: string };

export type FormSubmission = {
  id: string;
  locationId: string;
  formId: string;
  contactId: string;
  name: string;
  email: string;
  others: Record<string, unknown>;
  createdAt: number;
};
