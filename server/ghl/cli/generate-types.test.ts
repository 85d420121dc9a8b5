import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { GENERATED_DIR, GENERATED_SPECS, generateSpecTypes } from "./generate-types";

describe("generated GHL types", () => {
  it.each(GENERATED_SPECS)(
    "%s.ts matches the specs (run npm run ghl:types after changing them)",
    async (name) => {
      const committed = readFileSync(path.join(GENERATED_DIR, `${name}.ts`), "utf8");
      expect(committed === (await generateSpecTypes(name))).toBe(true);
    },
  );
});
