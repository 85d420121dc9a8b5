export type ScopeInfo = { scope: string; label: string };

/** What GHL Hub cannot work without: the mirror, contacts, pipelines, messages and connections. */
export const REQUIRED_SCOPES: ScopeInfo[] = [
  { scope: "locations.readonly", label: "Read sub-account details" },
  { scope: "oauth.readonly", label: "List the sub-accounts the app is installed on" },
  { scope: "oauth.write", label: "Issue sub-account tokens from the agency connection" },
  { scope: "contacts.readonly", label: "Read contacts, notes and tasks" },
  { scope: "contacts.write", label: "Create and update contacts, tags, notes and tasks" },
  { scope: "opportunities.readonly", label: "Read pipelines and opportunities" },
  { scope: "opportunities.write", label: "Create and move opportunities" },
  { scope: "conversations.readonly", label: "Read conversations" },
  { scope: "conversations/message.readonly", label: "Read SMS and email messages" },
  { scope: "conversations/message.write", label: "Send SMS and email" },
  { scope: "calendars.readonly", label: "Read calendars and free slots" },
  { scope: "calendars/events.readonly", label: "Read appointments" },
  { scope: "calendars/events.write", label: "Book and change appointments" },
  { scope: "users.readonly", label: "Read users (for assignment)" },
  // Contact custom fields are validated against their definitions before every write.
  { scope: "locations/customFields.readonly", label: "Read custom fields" },
];

/** Asked for only when the agency opts in. */
export const OPTIONAL_SCOPES: ScopeInfo[] = [
  { scope: "campaigns.readonly", label: "Read campaigns" },
  { scope: "workflows.readonly", label: "Read workflows" },
  { scope: "locations/customFields.write", label: "Manage custom fields" },
  { scope: "locations/customValues.readonly", label: "Read custom values" },
  { scope: "locations/customValues.write", label: "Manage custom values" },
  { scope: "locations/tags.readonly", label: "Read location tags" },
  { scope: "locations/tags.write", label: "Manage location tags" },
  { scope: "forms.readonly", label: "Read forms and submissions" },
  { scope: "calendars.write", label: "Manage calendars" },
  { scope: "conversations.write", label: "Manage conversations" },
  { scope: "users.write", label: "Manage users" },
  { scope: "locations.write", label: "Create and update sub-accounts" },
];

const OPTIONAL = new Set(OPTIONAL_SCOPES.map((s) => s.scope));

/** The required scopes plus the optional ones asked for (anything else is ignored). */
export const scopesToRequest = (optional: string[]) => [
  ...REQUIRED_SCOPES.map((s) => s.scope),
  ...[...new Set(optional)].filter((scope) => OPTIONAL.has(scope)),
];
