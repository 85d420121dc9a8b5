import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL(".", import.meta.url)),
  "server-only": fileURLToPath(new URL("./server/testing/empty-module.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    env: { TZ: "UTC", NODE_ENV: "test", LOG_LEVEL: "silent" },
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["server/**/*.test.ts", "components/**/*.test.ts", "sandbox/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          // Sandbox tests start an in-process GHL sandbox; the first one per worker makes its RSA key.
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["server/**/*.int.test.ts"],
          environment: "node",
          // One fresh database per file, created from a template migrated once per run.
          globalSetup: ["./server/testing/global-setup.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
