"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";

import { signIn } from "~/server/auth";
import { safeRedirectPath } from "~/server/http/safe-redirect";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

const failed = (error: unknown, callbackUrl: string): never => {
  if (error instanceof AuthError) {
    redirect(
      `/sign-in?error=${encodeURIComponent(error.type)}&callbackUrl=${encodeURIComponent(callbackUrl)}`,
    );
  }
  throw error;
};

export const demoSignIn = async (formData: FormData) => {
  const redirectTo = safeRedirectPath(formData.get("callbackUrl"));
  try {
    await signIn("demo", { email: field(formData, "email"), redirectTo });
  } catch (error) {
    failed(error, redirectTo);
  }
};

export const providerSignIn = async (formData: FormData) => {
  const redirectTo = safeRedirectPath(formData.get("callbackUrl"));
  try {
    await signIn(field(formData, "provider"), { redirectTo });
  } catch (error) {
    failed(error, redirectTo);
  }
};
