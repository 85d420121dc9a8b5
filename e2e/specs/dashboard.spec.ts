import { expect, test } from "@playwright/test";

import { USERS, signInAs } from "../support/auth";

test("an anonymous visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to your agency" })).toBeVisible();
});

test("the owner signs in and sees every location of the agency, and only those", async ({
  page,
}) => {
  await signInAs(page, USERS.owner);
  await expect(page.getByRole("heading", { name: "Summit Growth Partners" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(6); // header + 5 locations
  await expect(page.getByRole("link", { name: "Harbor Legal Group" })).toBeVisible();
  await expect(page.getByText("Northwind")).toHaveCount(0);
  await page.getByLabel("Filter locations").fill("toronto");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Maple Leaf Realty" })).toBeVisible();
});

test("the location switcher works from the keyboard and the last location is remembered", async ({
  page,
}) => {
  await signInAs(page, USERS.owner);
  await page.keyboard.press("Control+k");
  await expect(page.getByLabel("Switch location")).toBeFocused();
  await page.keyboard.type("harbor");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/locations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Harbor Legal Group" })).toBeVisible();

  await page.getByLabel("Switch location").click();
  await page.getByRole("option", { name: /Maple Leaf Realty/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Maple Leaf Realty" })).toBeVisible();
  const mapleUrl = page.url();

  await page.goto("/locations");
  await expect(page).toHaveURL(mapleUrl);
  await page.goto("/");
  await expect(page.getByText("Continue where you left off")).toContainText("Maple Leaf Realty");
});

test("a member sees only the locations granted to them and no agency settings", async ({
  page,
}) => {
  await signInAs(page, USERS.member);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Austin Dental Studio" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Coastal Yoga Collective" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByText("Only owners and admins of Summit Growth Partners")).toBeVisible();
});

test("a location admin changes the sync frequency", async ({ page }) => {
  await signInAs(page, USERS.member);
  await page.getByRole("link", { name: "Coastal Yoga Collective" }).click();
  await page.getByLabel("Sync frequency").selectOption("hourly");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved");
  await page.reload();
  await expect(page.getByLabel("Sync frequency")).toHaveValue("hourly");
});
