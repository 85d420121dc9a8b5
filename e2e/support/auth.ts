import { type APIRequestContext, type Page, expect } from "@playwright/test";

export const USERS = {
  owner: { email: "owner@summit-growth.test", name: "Olivia Owens" },
  admin: { email: "admin@summit-growth.test", name: "Adam Alvarez" },
  member: { email: "member@summit-growth.test", name: "Maya Morgan" },
  rival: { email: "owner@northwind.test", name: "Noah Newman" },
} as const;

/** Signs in through the sign-in page, as a person would. */
export const signInAs = async (page: Page, user: { email: string; name: string }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: new RegExp(user.name) }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
};

export const signInWithEmail = async (page: Page, email: string) => {
  await page.goto("/sign-in");
  await page.getByLabel(/user's email/).fill(email);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
};

/** Signs in through Auth.js's HTTP endpoints, for API-level tests (documenso's apiSignin). */
export const apiSignIn = async (request: APIRequestContext, email: string) => {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/demo", {
    form: { csrfToken: csrf.csrfToken, email, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers().location).not.toContain("error");
};

/** tRPC over HTTP with the superjson envelope the app uses. */
export const trpcQuery = (request: APIRequestContext, path: string, input: unknown) =>
  request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);

export const trpcMutation = (request: APIRequestContext, path: string, input: unknown) =>
  request.post(`/api/trpc/${path}`, { data: { json: input } });
