import { expect, test } from "@playwright/test";

import { USERS, signInAs } from "../support/auth";
import { ensureAgencyConnected } from "../support/ghl";

test("a connected location is backfilled, Sync now sweeps it again, and the overview counts what GHL missed", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, USERS.owner);
  await ensureAgencyConnected(page);
  await page.goto("/");
  await page.getByRole("link", { name: "Harbor Legal Group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Harbor Legal Group" })).toBeVisible();

  const card = page.getByRole("region", { name: "Contacts sync" });
  // Connecting asked for the backfill; the in-process sweeper runs it (the card polls).
  await expect(card.getByText(/^Done /)).toBeVisible({ timeout: 60_000 });
  const history = card.getByRole("table", { name: /Contact sync runs/ });
  await expect(history.getByRole("row").filter({ hasText: "Backfill" }).first()).toContainText(
    "Succeeded",
  );

  const syncNow = card.getByRole("button", { name: "Sync now" });
  await expect(syncNow).toBeEnabled();
  await syncNow.click();
  const manual = history.getByRole("row").filter({ hasText: "Reconcile · sync now" }).first();
  await expect(manual).toContainText("Succeeded", { timeout: 30_000 });
  await expect(card.getByText("Up to date")).toBeVisible();

  await page.goto("/");
  const missed = page.getByRole("list", { name: "Missed events per location, most first" });
  await expect(
    missed.getByRole("listitem").filter({ hasText: "Harbor Legal Group" }),
  ).toContainText("missed");
});
