import { expect, test } from "@playwright/test";

import { USERS, signInAs } from "../support/auth";

test("an owner connects the agency through GHL's consent page and sees every location's health", async ({
  page,
}) => {
  await signInAs(page, USERS.owner);
  await page.getByRole("link", { name: "Connections" }).click();
  await expect(page.getByText("Always requested")).toBeVisible();
  await expect(page.getByText("contacts.write", { exact: true })).toBeVisible();
  await page.getByLabel(/Read workflows/).check();
  await page.getByRole("button", { name: "Connect GoHighLevel" }).click();

  // GHL's consent page (the sandbox), on another origin.
  await expect(
    page.getByRole("heading", { name: /GHL Hub wants to connect to Summit Growth Partners/ }),
  ).toBeVisible();
  await expect(page.getByText("workflows.readonly")).toBeVisible();
  await page.getByLabel(/Install for the whole agency/).check();
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page).toHaveURL(/\/settings\/connections\?connected=5$/);
  await expect(page.getByText("Connected. 5 locations now sync with GoHighLevel.")).toBeVisible();
  const health = page
    .getByRole("region", { name: "Health per location" })
    .or(
      page.locator("section", { has: page.getByRole("heading", { name: "Health per location" }) }),
    );
  for (const name of [
    "Austin Dental Studio",
    "Brightside Roofing",
    "Coastal Yoga Collective",
    "Harbor Legal Group",
    "Maple Leaf Realty",
  ]) {
    const row = health.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Connected");
    // The backfill that starts on connect mints the location's own token from the agency grant.
    await expect(row).toContainText(/Agency connection|Sub-account token/);
  }

  await page.goto("/");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("Connected", { exact: true }).first()).toBeVisible();
});

test("another agency cannot attach a GHL agency that is already connected elsewhere", async ({
  page,
}) => {
  await signInAs(page, USERS.rival);
  await page.getByRole("link", { name: "Connections" }).click();
  await page.getByRole("button", { name: "Connect GoHighLevel" }).click();
  await expect(
    page.getByRole("heading", { name: /wants to connect to Summit Growth Partners/ }),
  ).toBeVisible();
  await page.getByLabel(/Install for the whole agency/).check();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/settings\/connections\?error=connect_failed/);
  await expect(
    page.getByRole("alert").filter({ hasText: "not the one this GHL Hub agency is connected to" }),
  ).toBeVisible();
});

test("an owner disconnects the agency, and the locations show it", async ({ page }) => {
  await signInAs(page, USERS.owner);
  await page.goto("/settings/connections");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Disconnect agency" }).click();
  await expect(page.getByRole("row", { name: /Austin Dental Studio/ })).toContainText(
    "Disconnected",
  );
});
