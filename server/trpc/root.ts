import { agencyRouter } from "../domains/agencies/agencies.router";
import { auditRouter } from "../domains/audit/audit.router";
import { connectionsRouter } from "../domains/connections/connections.router";
import { locationsRouter } from "../domains/locations/locations.router";
import { membersRouter } from "../domains/members/members.router";
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
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
