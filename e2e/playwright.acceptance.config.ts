import { defineConfig } from "@playwright/test";

import base from "./playwright.config";

/**
 * Long acceptance runs (`npm run accept:import`): the "done when" walked in a browser at
 * GHL's real rate limits. Not part of CI: one run takes a quarter of an hour.
 */
const server = base.webServer;
if (!server || Array.isArray(server)) throw new Error("the e2e config starts one web server");

export default defineConfig({
  ...base,
  testDir: "./acceptance",
  retries: 0,
  timeout: 90 * 60_000,
  reporter: "list",
  use: { ...base.use, actionTimeout: 30_000 },
  webServer: { ...server, reuseExistingServer: false },
});
