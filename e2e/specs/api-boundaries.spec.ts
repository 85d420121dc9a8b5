import { expect, test } from "@playwright/test";

import { USERS, apiSignIn, trpcMutation, trpcQuery } from "../support/auth";

test("no session is UNAUTHORIZED", async ({ request }) => {
  const response = await trpcQuery(request, "locations.list", undefined);
  expect(response.status()).toBe(401);
});

test("an oversized body is refused with 413 before it is parsed", async ({ request }) => {
  const response = await request.post("/api/trpc/agency.rename", {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ json: { name: "x".repeat(2_000_000) } }),
  });
  expect(response.status()).toBe(413);
});

test("a batch over the limit is refused with 400", async ({ request }) => {
  const paths = Array.from({ length: 25 }, () => "viewer.get").join(",");
  const response = await request.get(`/api/trpc/${paths}?batch=1&input={}`);
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Batch call exceeds maximum size");
});

test("invalid input gets field errors and extra keys are refused", async ({ request }) => {
  await apiSignIn(request, USERS.owner.email);
  const bad = await trpcQuery(request, "locations.get", { locationId: "not-a-uuid" });
  expect(bad.status()).toBe(400);
  const badBody = (await bad.json()) as {
    error: { json: { data: { zodError: { fieldErrors: Record<string, string[]> } } } };
  };
  expect(badBody.error.json.data.zodError.fieldErrors.locationId?.[0]).toContain(
    "Not a valid location id",
  );

  const list = (await (await trpcQuery(request, "locations.list", undefined)).json()) as {
    result: { data: { json: { id: string }[] } };
  };
  const locationId = list.result.data.json[0]?.id;
  const extra = await trpcMutation(request, "locations.updateSettings", {
    locationId,
    syncFrequency: "daily",
    agencyId: "00000000-0000-0000-0000-000000000000",
  });
  expect(extra.status()).toBe(400);
  expect(await extra.text()).toContain("agencyId");
});
