import { readFileSync } from "node:fs";
import path from "node:path";

import { type APIRequestContext, type Page, expect } from "@playwright/test";

import { createSigner, type WebhookKeysPem } from "../../sandbox/webhooks/keys";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The GHL sandbox started by start-server.ts, one thousand ports above the app. */
export const SANDBOX_URL = `http://127.0.0.1:${PORT + 1000}`;

/** Signs bodies as the e2e sandbox does: the app trusts its public keys. */
export const sandboxSigner = () =>
  createSigner(
    JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../.data/e2e-sandbox-keys.json"), "utf8"),
    ) as WebhookKeysPem,
  );

/** Connects the owner's agency through GHL's consent page, unless it is connected already. */
export const ensureAgencyConnected = async (page: Page) => {
  await page.goto("/settings/connections");
  const disconnect = page.getByRole("button", { name: "Disconnect agency" });
  const connect = page.getByRole("button", { name: "Connect GoHighLevel", exact: true });
  await expect(disconnect.or(connect).first()).toBeVisible();
  if (await disconnect.isVisible()) return;
  await connect.click();
  await page.getByLabel(/Install for the whole agency/).check();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/settings\/connections\?connected=\d+$/);
};

/** The sandbox's control API (no GHL token needed). */
export const sandboxControl = {
  upsertContact: async (request: APIRequestContext, ghlLocationId: string, body: object) => {
    const response = await request.post(
      `${SANDBOX_URL}/_sandbox/locations/${ghlLocationId}/contacts`,
      { data: body },
    );
    expect(response.ok()).toBe(true);
    return (await response.json()) as { id: string };
  },
  setFaults: async (request: APIRequestContext, faults: object) => {
    const response = await request.put(`${SANDBOX_URL}/_sandbox/faults`, { data: faults });
    expect(response.ok()).toBe(true);
  },
  clearFaults: async (request: APIRequestContext) => {
    const response = await request.delete(`${SANDBOX_URL}/_sandbox/faults`);
    expect(response.ok()).toBe(true);
  },
};
