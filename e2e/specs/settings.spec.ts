import { expect, test } from "@playwright/test";

import { USERS, signInAs, signInWithEmail } from "../support/auth";

test("an owner adds a member, grants one location, and the member sees exactly that", async ({
  page,
}) => {
  const stamp = Date.now();
  const email = `new.hire.${stamp}@summit-growth.test`;
  const name = `Nia Hire ${stamp}`;
  await signInAs(page, USERS.owner);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText(`${email} was added`)).toBeVisible();
  await expect(page.getByRole("cell", { name: new RegExp(name) })).toBeVisible();

  await page.getByLabel(`Access of ${name} to Harbor Legal Group`).selectOption("user");
  await expect(page.getByLabel(`Access of ${name} to Harbor Legal Group`)).toHaveValue("user");
  await expect(
    page.getByRole("row", { name: new RegExp(email.replaceAll(".", "\\.")) }),
  ).toContainText("1 granted");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInWithEmail(page, email);
  if (process.env.E2E_DATABASE_URL) {
    // On a shared PostgreSQL the passwordless demo login admits only the seeded demo users.
    await expect(page.getByText("No user with that email may use the demo login")).toBeVisible();
    return;
  }
  await expect(page.getByRole("heading", { name: "Summit Growth Partners" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Harbor Legal Group" })).toBeVisible();
});

test("an admin cannot hand out the admin role", async ({ page }) => {
  await signInAs(page, USERS.admin);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("Role", { exact: true }).locator("option")).toHaveText(["member"]);
  await expect(page.getByLabel("Role of Olivia Owens")).toBeDisabled();
});
