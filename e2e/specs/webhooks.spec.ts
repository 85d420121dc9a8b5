import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { USERS, signInAs } from "../support/auth";
import { ensureAgencyConnected, sandboxControl, sandboxSigner } from "../support/ghl";

const AUSTIN = "AustinDentalStudio01";
const SUMMIT = "SmmtGrwthPrtnrs00001";

// Both tests change the demo agency's connection and the sandbox's faults.
test.describe.configure({ mode: "serial" });

test("a contact changed in GHL arrives signed, is processed, and is replayed from the log", async ({
  page,
  request,
}) => {
  await signInAs(page, USERS.owner);
  await ensureAgencyConnected(page);
  const email = `grace.${Date.now()}@navy.test`;
  const contact = await sandboxControl.upsertContact(request, AUSTIN, {
    firstName: "Grace",
    lastName: "Hopper",
    email,
  });

  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await page
    .getByLabel("Location", { exact: true })
    .selectOption({ label: "Austin Dental Studio" });
  await page.getByLabel("Type", { exact: true }).fill("contact.created");
  const row = page.getByRole("row").filter({ hasText: contact.id });
  // The log refreshes itself every 5 s: the event shows up without a reload.
  await expect(row).toContainText("Processed", { timeout: 15_000 });

  await row.getByRole("button", { name: "ContactCreate (view details)" }).click();
  const dialog = page.getByRole("dialog", { name: "Webhook event" });
  await expect(dialog.getByLabel("Payload")).toContainText(email);
  await expect(dialog).toContainText("Ed25519", { ignoreCase: true });
  await expect(dialog).toContainText("1 attempt · replays 0 · runs 1");

  await dialog.getByRole("button", { name: "Replay" }).click();
  await expect(dialog).toContainText("replays 1 · runs 2");
  await expect(dialog.getByText("Processed", { exact: true }).first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("replays 1");
});

test("an event that died while GHL was failing is retried from the log once GHL is back", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, USERS.owner);
  await ensureAgencyConnected(page);

  // INSTALL makes the app re-read GHL's installed locations. A 501 is neither retried by the GHL
  // client nor counted by its circuit breaker, so each of the event's own attempts fails at once.
  await sandboxControl.setFaults(request, { errors: { rate: 1, statuses: [501] } });
  let eventId: string;
  try {
    const body = Buffer.from(
      JSON.stringify({
        type: "INSTALL",
        appId: "6650f2c1a7d4e3b2c1f0a9e8",
        installType: "Location",
        locationId: AUSTIN,
        companyId: SUMMIT,
        timestamp: new Date().toISOString(),
        webhookId: randomUUID(),
      }),
    );
    const response = await request.post("/api/webhooks/ghl", {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-ghl-signature": sandboxSigner().ed25519(body),
      },
    });
    expect(response.status()).toBe(200);
    eventId = ((await response.json()) as { id: string }).id;

    await page.goto("/webhooks");
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Dead" });
    const row = page.locator(`tr[data-event-id="${eventId}"]`);
    // Six attempts, 200 ms apart and doubling (WEBHOOK_RETRY_BASE_MS in start-server.ts).
    await expect(row).toContainText("Dead", { timeout: 45_000 });
    await expect(row).toContainText("GoHighLevel had an internal error");
    await row.getByRole("button", { name: "INSTALL (view details)" }).click();
  } finally {
    await sandboxControl.clearFaults(request);
  }

  const dialog = page.getByRole("dialog", { name: "Webhook event" });
  await expect(dialog).toContainText("6 attempts · replays 0 · runs 0");
  await expect(dialog.getByRole("heading", { name: "Last error" })).toBeVisible();
  await dialog.getByRole("button", { name: "Retry" }).click();
  // The dialog follows the event until it settles.
  await expect(dialog.getByText("Processed", { exact: true }).first()).toBeVisible({
    timeout: 15_000,
  });
  await expect(dialog).toContainText("1 attempt · replays 0 · runs 1");
  await expect(dialog.getByRole("heading", { name: "Last error" })).toBeHidden();

  // The retry is in the audit log, under the person who asked for it.
  await page.goto("/settings/audit");
  await expect(page.getByText("webhooks.retry").first()).toBeVisible();
});
