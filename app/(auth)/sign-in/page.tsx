import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Input, Label } from "~/components/ui/field";
import { auth } from "~/server/auth";
import { listSignInOptions } from "~/server/auth/providers";
import { DEMO_LOGINS } from "~/server/db/seed/demo-data";
import { getEnv } from "~/server/env";
import { safeRedirectPath } from "~/server/http/safe-redirect";

import { demoSignIn, providerSignIn } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin:
    "No user with that email may use the demo login. Pick one of the demo users below.",
  NotInvited:
    "That account has not been invited to an agency. Ask an agency admin to add your email.",
  AccessDenied:
    "That account has not been invited to an agency. Ask an agency admin to add your email.",
  OAuthAccountNotLinked:
    "That email is already linked to another sign-in method. Use the one you used before.",
  Configuration:
    "Sign-in is misconfigured on the server. An administrator should check the auth settings.",
};

type Props = { searchParams: Promise<{ error?: string; callbackUrl?: string }> };

const SignInPage = async ({ searchParams }: Props) => {
  const { error, callbackUrl: rawCallback } = await searchParams;
  const callbackUrl = safeRedirectPath(rawCallback);
  if ((await auth())?.user) redirect(callbackUrl);
  const options = listSignInOptions(getEnv());
  const message = error ? (ERRORS[error] ?? "Sign-in failed. Please try again.") : null;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <div className="text-center">
          <p className="text-sm font-semibold tracking-wide text-indigo-600">GHL Hub</p>
          <h1 className="mt-2 text-2xl font-semibold">Sign in to your agency</h1>
        </div>
        <div className="space-y-5 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200">
          {message ? <Alert>{message}</Alert> : null}
          {options.providers.map((provider) => (
            <form key={provider.id} action={providerSignIn}>
              <input type="hidden" name="provider" value={provider.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="secondary" className="w-full">
                Continue with {provider.name}
              </Button>
            </form>
          ))}
          {options.demo ? (
            <section aria-labelledby="demo-heading" className="space-y-4">
              <div>
                <h2 id="demo-heading" className="text-sm font-semibold">
                  Demo login
                </h2>
                <p className="mt-1 text-xs text-slate-600">
                  No password. For local use and demos only.
                </p>
              </div>
              <ul className="grid gap-2">
                {DEMO_LOGINS.map((user) => (
                  <li key={user.email}>
                    <form action={demoSignIn}>
                      <input type="hidden" name="email" value={user.email} />
                      <input type="hidden" name="callbackUrl" value={callbackUrl} />
                      <button
                        type="submit"
                        className="flex w-full items-center justify-between rounded-md px-3 py-2 text-left text-sm ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                      >
                        <span>
                          <span className="block font-medium">{user.name}</span>
                          <span className="block text-xs text-slate-600">{user.email}</span>
                        </span>
                        <span className="shrink-0 text-right text-xs text-slate-500">
                          {user.role}
                          <span className="block">{user.agency}</span>
                        </span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
              <form action={demoSignIn} className="flex items-end gap-2">
                <div className="flex-1 space-y-1">
                  <Label htmlFor="demo-email">
                    {options.demoAnyUser ? "Or any user's email" : "Or a demo user's email"}
                  </Label>
                  <Input
                    id="demo-email"
                    name="email"
                    type="email"
                    required
                    autoComplete="email"
                    placeholder="you@agency.com"
                  />
                </div>
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <Button type="submit">Sign in</Button>
              </form>
            </section>
          ) : null}
          {!options.demo && options.providers.length === 0 ? (
            <Alert>
              No sign-in method is configured. An administrator must set an identity provider.
            </Alert>
          ) : null}
        </div>
      </div>
    </main>
  );
};

export default SignInPage;
