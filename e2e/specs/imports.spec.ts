import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { USERS, signInAs } from "../support/auth";
import { ensureAgencyConnected } from "../support/ghl";

test("imports a small CSV through the wizard: mapping, dry run, progress, error report, undo", async ({
  page,
}) => {
  await signInAs(page, USERS.owner);
  await ensureAgencyConnected(page);
  const stamp = Date.now();
  const csv = [
    "First Name,Last Name,Email,Tags",
    `Ada,Lovelace,ada.${stamp}@import.test,vip`,
    `Grace,Hopper,grace.${stamp}@import.test,"navy,vip"`,
    `Bad,Row,not-an-email,`,
  ].join("\n");

  await page.goto("/");
  const href = await page
    .getByRole("link", { name: "Austin Dental Studio" })
    .first()
    .getAttribute("href");
  await page.goto(`${href}/contacts/import`);
  await expect(page.getByRole("heading", { name: "Import contacts", level: 1 })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });

  // Mapping: suggested from the column names, with the first rows as a preview.
  await expect(page.getByLabel("Field for column Email")).toHaveValue("email");
  await expect(page.getByLabel("Field for column First Name")).toHaveValue("firstName");
  await expect(page.getByRole("cell", { name: `grace.${stamp}@import.test` })).toBeVisible();
  await page.getByRole("button", { name: "Check rows (dry run)" }).click();

  // Dry run: what would happen, and the invalid row with its line number.
  await expect(page.getByText("Dry run", { exact: true })).toBeVisible();
  const problems = page.getByRole("row").filter({ hasText: "Not a valid email address" });
  await expect(problems.getByRole("cell").first()).toHaveText("4");
  await page.getByRole("button", { name: "Start import" }).click();

  await expect(page.getByText("Completed", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Written: 2 of 2 rows")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
    "aria-valuenow",
    "2",
  );

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download error report (CSV)" }).click();
  const report = await (await download).createReadStream();
  let text = "";
  for await (const chunk of report) text += String(chunk);
  expect(text).toContain("4,not imported (invalid)");

  await page.getByRole("button", { name: "Undo import" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByText("Undone", { exact: true }).first()).toBeVisible({ timeout: 20_000 });

  await page.getByRole("link", { name: "All imports" }).click();
  await expect(page.getByRole("link", { name: "people.csv" }).first()).toBeVisible();
});

test("exports a location's contacts, and refuses a location that is not the caller's", async ({
  page,
}) => {
  await signInAs(page, USERS.owner);
  await page.goto("/");
  const href = await page
    .getByRole("link", { name: "Austin Dental Studio" })
    .first()
    .getAttribute("href");
  await page.goto(`${href}/contacts/import`);
  await page.getByRole("button", { name: "Export CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Export contacts" });
  await dialog.getByLabel("City").check();
  const download = page.waitForEvent("download");
  await dialog.getByRole("link", { name: "Download CSV" }).click();
  const file = await (await download).createReadStream();
  let text = "";
  for await (const chunk of file) text += String(chunk);
  expect(text.split("\r\n")[0]).toBe("\uFEFFFirst name,Last name,Email,Phone,Company,Tags,City");

  const foreign = await page.request.get(`/api/exports/contacts?locationId=${randomUUID()}`);
  expect(foreign.status()).toBe(404);
});
