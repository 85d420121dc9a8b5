// GET /api/oauth/ghl/callback – GHL sends the browser back here with ?code&state after consent
import { TRPCError } from "@trpc/server";

import { auth } from "~/server/auth";
import { appOrigin } from "~/server/http/app-origin";
import { createTRPCContext } from "~/server/trpc/next-context";
import { createCaller } from "~/server/trpc/root";

export const dynamic = "force-dynamic";

const back = (request: Request, params: Record<string, string>) => {
  const url = new URL("/settings/connections", appOrigin(request.headers));
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return Response.redirect(url, 303);
};

export const GET = async (request: Request) => {
  const url = new URL(request.url);
  const ghlError = url.searchParams.get("error");
  if (ghlError)
    return back(request, { error: ghlError === "access_denied" ? "denied" : "ghl_error" });
  const code = url.searchParams.get("code");
  const state = url.searchParams.get("state");
  if (!code || !state) return back(request, { error: "invalid_callback" });
  // Signed out (say, the session expired during consent): sign in, then finish here.
  if (!(await auth())?.user) {
    const signIn = new URL("/sign-in", appOrigin(request.headers));
    signIn.searchParams.set("callbackUrl", `${url.pathname}${url.search}`);
    return Response.redirect(signIn, 303);
  }
  try {
    const caller = createCaller(await createTRPCContext({ headers: request.headers }));
    const result = await caller.connections.complete({ code, state });
    return Response.redirect(new URL(result.redirectTo, appOrigin(request.headers)), 303);
  } catch (error) {
    const message =
      error instanceof TRPCError ? error.message : "GoHighLevel could not be connected. Try again.";
    return back(request, { error: "connect_failed", message });
  }
};
