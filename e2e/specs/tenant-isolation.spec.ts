import { type Page, expect, test } from "@playwright/test";

import { USERS, apiSignIn, signInAs, trpcQuery } from "../support/auth";

const rivalLocationIds = async (page: Page) => {
  await signInAs(page, USERS.rival);
  const hrefs = await page
    .getByRole("table")
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  await page.context().clearCookies();
  const ids = hrefs.map((href) => href.split("/").pop() ?? "");
  expect(ids).toHaveLength(2);
  return ids;
};

test("another agency's location is refused as not found, and the attempt is audited", async ({
  page,
}) => {
  const [rivalId] = await rivalLocationIds(page);

  await signInAs(page, USERS.owner);
  const response = await page.goto(`/locations/${rivalId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Location not found" })).toBeVisible();
  await expect(page.getByText("Northwind")).toHaveCount(0);

  const api = await trpcQuery(page.request, "locations.get", { locationId: rivalId });
  expect(api.status()).toBe(404);
  expect(JSON.stringify(await api.json())).not.toContain("Northwind");

  await page.goto("/settings/audit");
  await expect(page.getByRole("cell", { name: "cross_tenant_attempt" }).first()).toBeVisible();
  await expect(page.getByText(/Chain intact/)).toBeVisible();
});

test("a member is refused a location of their own agency that was not granted", async ({
  page,
  request,
}) => {
  await signInAs(page, USERS.owner);
  const harborHref = await page
    .getByRole("link", { name: "Harbor Legal Group" })
    .getAttribute("href");
  await page.context().clearCookies();

  await apiSignIn(request, USERS.member.email);
  const harborId = harborHref?.split("/").pop() ?? "";
  const response = await trpcQuery(request, "locations.get", { locationId: harborId });
  expect(response.status()).toBe(404);
});
