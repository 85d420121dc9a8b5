import type { SandboxState } from "../store/state";
import type { OutgoingEvent, WebhookTarget } from "./dispatcher";

/** The scope an app needs to receive an event (docs/oauth/Scopes.md; the rest presumed). */
const EVENT_SCOPES: [RegExp, string[]][] = [
  [/^(Contact|Note|Task)/, ["contacts.readonly"]],
  [/^Opportunity/, ["opportunities.readonly"]],
  [/^Appointment/, ["calendars/events.readonly", "calendars.readonly"]],
  [/^(Inbound|Outbound)Message$/, ["conversations/message.readonly"]],
  [/^ConversationUnreadUpdate$/, ["conversations.readonly"]],
  [/^CampaignStatusUpdate$/, ["campaigns.readonly"]],
  [/^Location(Create|Update)$/, ["locations.readonly"]],
  [/^UserCreate$/, ["users.readonly"]],
];

const allowed = (type: string, scopes: string[]) => {
  const rule = EVENT_SCOPES.find(([pattern]) => pattern.test(type));
  return !rule || rule[1].some((scope) => scopes.includes(scope));
};

/**
 * Apps receive an event when installed where it happened (the location, or the company for
 * company-level events) and when their scopes cover it; INSTALL/UNINSTALL go to the one app.
 */
export const resolveTargets =
  (state: SandboxState) =>
  (event: OutgoingEvent): WebhookTarget[] => {
    const apps = [...state.apps.values()].filter(
      (app) => app.webhookUrl && (!event.appId || app.appId === event.appId),
    );
    return apps
      .filter((app) => {
        if (event.appId) return true;
        const installed = state.installations.some(
          (i) =>
            i.appId === app.appId &&
            (event.locationId
              ? i.locationId === event.locationId
              : i.locationId === null && i.companyId === event.companyId),
        );
        return installed && allowed(event.type, app.scopes);
      })
      .map((app) => ({ appId: app.appId, url: app.webhookUrl ?? "" }));
  };
