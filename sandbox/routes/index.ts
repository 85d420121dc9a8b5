import type { RouteTable } from "../core/api-route";
import { calendarsRoutes } from "./calendars/calendars-routes";
import { contactsRoutes } from "./contacts/contacts-routes";
import { notesTasksRoutes } from "./contacts/notes-tasks-routes";
import { conversationsRoutes } from "./conversations/conversations-routes";
import { locationsRoutes } from "./locations/locations-routes";
import { marketplaceRoutes } from "./marketplace";
import { oauthRoutes } from "./oauth";
import { opportunitiesRoutes } from "./opportunities/opportunities-routes";

/** Every served GHL operation, by domain. */
export const ROUTE_TABLES: RouteTable[] = [
  oauthRoutes,
  contactsRoutes,
  notesTasksRoutes,
  opportunitiesRoutes,
  calendarsRoutes,
  conversationsRoutes,
  locationsRoutes,
  marketplaceRoutes,
];
