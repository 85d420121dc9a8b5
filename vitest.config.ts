import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL(".", import.meta.url)),
  "server-only": fileURLToPath(new URL("./server/testing/empty-module.ts", import.meta.url)),
};

/**
 * Integration tests that measure timing under load (many processes, thousands of requests). They run
 * after the others, one file at a time: on 2 cores a neighbour's burst would stall them and turn a
 * real guarantee into a flaky one.
 */
const LOAD_SENSITIVE = [
  "server/webhooks/crash-recovery.int.test.ts",
  "server/webhooks/database-outage.int.test.ts",
  "server/ghl/rate-limiter.int.test.ts",
  "server/ghl/refresh-race.int.test.ts",
];

const intTest = {
  environment: "node" as const,
  // One fresh database per file, created from a template migrated once per run.
  globalSetup: ["./server/testing/global-setup.ts"],
  pool: "forks" as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
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
          ...intTest,
          name: "int",
          include: ["server/**/*.int.test.ts"],
          exclude: [...LOAD_SENSITIVE, "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          ...intTest,
          name: "load",
          include: LOAD_SENSITIVE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
