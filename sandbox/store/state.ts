import { ContactIndex } from "./contact-index";
import type {
  AccessToken,
  App,
  Appointment,
  AuthorizationCode,
  Calendar,
  Campaign,
  Company,
  Conversation,
  CustomField,
  CustomValue,
  Form,
  FormSubmission,
  Installation,
  Location,
  LocationTag,
  Message,
  Note,
  Opportunity,
  Pipeline,
  RefreshToken,
  Task,
  User,
  Workflow,
} from "./types";

/** Everything the sandbox knows. Plain maps keyed by id; contacts carry their own indexes. */
export const createState = () => ({
  companies: new Map<string, Company>(),
  locations: new Map<string, Location>(),
  users: new Map<string, User>(),
  /** Marketplace apps by client id. */
  apps: new Map<string, App>(),
  installations: [] as Installation[],
  accessTokens: new Map<string, AccessToken>(),
  refreshTokens: new Map<string, RefreshToken>(),
  codes: new Map<string, AuthorizationCode>(),
  contacts: new ContactIndex(),
  notes: new Map<string, Note>(),
  tasks: new Map<string, Task>(),
  pipelines: new Map<string, Pipeline>(),
  opportunities: new Map<string, Opportunity>(),
  calendars: new Map<string, Calendar>(),
  appointments: new Map<string, Appointment>(),
  conversations: new Map<string, Conversation>(),
  messages: new Map<string, Message>(),
  campaigns: new Map<string, Campaign>(),
  workflows: new Map<string, Workflow>(),
  /** contactId → campaign ids / workflow ids the contact is enrolled in. */
  campaignMembers: new Map<string, Set<string>>(),
  workflowMembers: new Map<string, Set<string>>(),
  customFields: new Map<string, CustomField>(),
  customValues: new Map<string, CustomValue>(),
  locationTags: new Map<string, LocationTag>(),
  forms: new Map<string, Form>(),
  formSubmissions: new Map<string, FormSubmission>(),
});

export type SandboxState = ReturnType<typeof createState>;

/** Values of a map that belong to one location, in insertion order. */
export const ofLocation = <T extends { locationId: string }>(
  map: Map<string, T>,
  locationId: string,
) => [...map.values()].filter((item) => item.locationId === locationId);
