import { expect, test } from "@playwright/test";

import { USERS, signInAs } from "../support/auth";
import { ensureAgencyConnected } from "../support/ghl";

test("an owner refreshes fields from GHL, creates a canonical field and maps it in two locations", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const key = `lead_score_${Date.now()}`;
  await signInAs(page, USERS.owner);
  await ensureAgencyConnected(page);

  await page.getByRole("link", { name: "Custom fields" }).click();
  await expect(page.getByRole("heading", { name: "Custom fields", level: 1 })).toBeVisible();
  const austin = page.getByRole("columnheader", { name: /Austin Dental Studio/ });
  await austin
    .getByRole("button", { name: "Refresh fields of Austin Dental Studio from GoHighLevel" })
    .click();
  await expect(austin).toContainText("Synced just now");
  await expect(austin).toContainText("5 fields");

  await page.getByLabel("Name", { exact: true }).fill("Lead score");
  await page.getByLabel("Key (optional)").fill(key);
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Number" });
  await page.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByText(`Lead score (canonical:${key}) was added`)).toBeVisible();

  const gridRow = page
    .getByRole("table", { name: "Canonical field mapping per location" })
    .getByRole("row", { name: new RegExp(key) });
  const cell = (location: string) => gridRow.getByLabel(`Lead score at ${location}`);
  // Only fields whose type can hold a number are offered.
  await expect(cell("Austin Dental Studio").locator("option")).toHaveText([
    "Not mapped",
    "Lead Score · Number",
  ]);
  await cell("Austin Dental Studio").selectOption({ label: "Lead Score · Number" });
  await expect(cell("Austin Dental Studio")).toBeEnabled();
  await cell("Brightside Roofing").selectOption({ label: "Lead Score · Number" });
  const listRow = page
    .getByRole("table", { name: "Canonical fields", exact: true })
    .getByRole("row", { name: new RegExp(key) });
  await expect(listRow).toContainText(/2 of \d+/);

  // The other locations' "Lead Score" is suggested by name, and one key press maps it.
  await page.getByRole("button", { name: "Suggest mappings" }).click();
  const suggested = gridRow.getByRole("button", {
    name: "Map Lead score at Coastal Yoga Collective to the suggested field Lead Score",
  });
  await suggested.focus();
  await page.keyboard.press("Enter");
  await expect(listRow).toContainText(/3 of \d+/);

  await page.reload();
  for (const location of ["Austin Dental Studio", "Brightside Roofing", "Coastal Yoga Collective"])
    await expect(cell(location)).not.toHaveValue("");
});

test("a member is told custom fields are for owners and admins", async ({ page }) => {
  await signInAs(page, USERS.member);
  await page.goto("/settings/custom-fields");
  await expect(
    page.getByText(/Only owners and admins of .* can manage custom fields/),
  ).toBeVisible();
});
