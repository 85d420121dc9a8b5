import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "./index";
import { startSandbox } from "./testing/harness";

const here = path.dirname(fileURLToPath(import.meta.url));

const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });

let running: RunningSandbox;
beforeAll(async () => {
  running = await startSandbox({ demo: false });
});
afterAll(() => running?.close());

describe("contract coverage", () => {
  it("has a response-schema check for every operation the sandbox serves", () => {
    const checked = new Set<string>();
    for (const file of testFiles(here)) {
      for (const match of readFileSync(file, "utf8").matchAll(
        /expectContract\(\s*"([A-Z]+ [^"]+)"/g,
      ))
        checked.add(match[1]!);
    }
    const served = running.servedOperations.map((op) => `${op.method} ${op.path}`);
    expect(served.length).toBeGreaterThan(30);
    expect(
      served.filter((op) => !checked.has(op)),
      "served operations without an expectContract(...) test",
    ).toEqual([]);
  });
});
