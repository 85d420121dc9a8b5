import { expect, test } from "@playwright/test";

import { USERS, signInAs } from "../support/auth";
import { ensureAgencyConnected, sandboxControl } from "../support/ghl";

const AUSTIN = "AustinDentalStudio01";

test("contacts: find one GHL sent, edit and tag it, create one, and tag both in bulk", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, USERS.owner);
  await ensureAgencyConnected(page);
  const run = Date.now().toString(36);
  const lastName = `Torvalds${run}`;
  // Created in GHL: the contact reaches the mirror through its ContactCreate webhook.
  await sandboxControl.upsertContact(request, AUSTIN, {
    firstName: "Linus",
    lastName,
    email: `linus.${run}@kernel.test`,
  });

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Contacts" })
    .click();
  await expect(page.getByRole("heading", { name: "Contacts", level: 1 })).toBeVisible();
  const search = page.getByLabel("Search all contacts");
  const found = page.getByRole("link", { name: `Linus ${lastName}` });
  await expect(async () => {
    await page.reload();
    await search.fill(lastName.toLowerCase());
    await expect(found).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("row").filter({ hasText: lastName })).toContainText(
    "Austin Dental Studio",
  );

  await found.click();
  await expect(page.getByRole("heading", { name: `Linus ${lastName}`, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("City").fill("Helsinki");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Saved in GoHighLevel." })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Helsinki" })).toBeVisible();

  await page.getByLabel("New tags").fill("Kernel, maintainer");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("button", { name: "Remove tag kernel" })).toBeVisible();
  await page.getByRole("button", { name: "Remove tag maintainer" }).click();
  await expect(page.getByRole("button", { name: "Remove tag maintainer" })).toBeHidden();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Edited");

  await page.getByRole("link", { name: /← Contacts/ }).click();
  await expect(
    page.getByRole("heading", { name: /^Contacts · Austin Dental Studio/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: "New contact" }).click();
  const dialog = page.getByRole("dialog", { name: "New contact" });
  await dialog.getByLabel("First name").fill("Ada");
  await dialog.getByLabel("Last name").fill(lastName);
  await dialog.getByLabel("Email").fill(`ada.${run}@kernel.test`);
  await dialog.getByRole("button", { name: "Create contact" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: `Created Ada ${lastName}` }),
  ).toBeVisible();

  await page.getByLabel("Search contacts").fill(lastName);
  const rows = page.getByRole("row").filter({ hasText: lastName });
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Select all contacts on this page").check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Tag selected" }).click();
  const bulk = page.getByRole("dialog", { name: "Tag 2 contacts" });
  await bulk.getByLabel("Tags (comma-separated)").fill(`e2e-${run}`);
  await bulk.getByRole("button", { name: "Add tags" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 contacts updated." })).toBeVisible();

  await page.getByLabel("Search contacts").fill("");
  await page.getByLabel("Filter by tag").fill(`e2e-${run}`);
  await page.getByRole("button", { name: "Add tag filter" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`e2e-${run}`);

  // SQL-ish text is only text.
  await page.getByLabel("Search contacts").fill("' OR 1=1 --");
  await expect(page.getByText("No contacts match")).toBeVisible();
});
