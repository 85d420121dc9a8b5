import { z } from "zod";

import { appOrigin } from "../../http/app-origin";
import { router } from "../../trpc/init";
import { agencyAdminProcedure, locationProcedure, noInput } from "../../trpc/procedures";
import {
  ZAddPrivateTokenInput,
  ZCompleteConnectionInput,
  ZConnectionsOverview,
  ZDisconnectInput,
  ZLocationHealth,
  ZLocationHealthInput,
  ZStartConnectionInput,
} from "./connections.schemas";
import {
  completeConnection,
  disconnectConnection,
  getLocationHealth,
  getOverview,
  savePrivateToken,
  startConnection,
} from "./connections.service";

/** Where GHL sends the browser back after consent. */
const callbackUrl = (headers: Headers) =>
  new URL("/api/oauth/ghl/callback", appOrigin(headers)).toString();

export const connectionsRouter = router({
  overview: agencyAdminProcedure
    .input(noInput)
    .output(ZConnectionsOverview)
    .query(({ ctx }) => getOverview(ctx)),
  start: agencyAdminProcedure
    .input(ZStartConnectionInput)
    .output(z.object({ url: z.url() }))
    .mutation(({ ctx, input }) => startConnection(ctx, input, callbackUrl(ctx.headers))),
  complete: agencyAdminProcedure
    .input(ZCompleteConnectionInput)
    .output(z.object({ redirectTo: z.string(), connected: z.number() }))
    .mutation(({ ctx, input }) =>
      completeConnection(ctx, { ...input, redirectUri: callbackUrl(ctx.headers) }),
    ),
  disconnect: agencyAdminProcedure
    .input(ZDisconnectInput)
    .output(z.object({ disconnected: z.number() }))
    .mutation(({ ctx, input }) => disconnectConnection(ctx, input.connectionId)),
  addPrivateToken: agencyAdminProcedure
    .input(ZAddPrivateTokenInput)
    .output(
      z.object({
        kind: z.enum(["location", "agency"]),
        name: z.string(),
        ghlId: z.string(),
        locations: z.number(),
      }),
    )
    .mutation(({ ctx, input }) => savePrivateToken(ctx, input)),
  locationHealth: locationProcedure
    .input(ZLocationHealthInput)
    .output(ZLocationHealth)
    .query(({ ctx }) => getLocationHealth(ctx)),
});
