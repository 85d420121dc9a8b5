import { agencyRouter } from "../domains/agencies/agencies.router";
import { auditRouter } from "../domains/audit/audit.router";
import { connectionsRouter } from "../domains/connections/connections.router";
import { contactsRouter } from "../domains/contacts/contacts.router";
import { customFieldsRouter } from "../domains/custom-fields/custom-fields.router";
import { importsRouter } from "../domains/imports/imports.router";
import { locationsRouter } from "../domains/locations/locations.router";
import { membersRouter } from "../domains/members/members.router";
import { syncRouter } from "../domains/sync/sync.router";
import { viewerRouter } from "../domains/viewer/viewer.router";
import { webhooksRouter } from "../domains/webhooks/webhooks.router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  viewer: viewerRouter,
  agency: agencyRouter,
  locations: locationsRouter,
  members: membersRouter,
  audit: auditRouter,
  connections: connectionsRouter,
  webhooks: webhooksRouter,
  sync: syncRouter,
  customFields: customFieldsRouter,
  contacts: contactsRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
