import { describe, expect, it } from "vitest";

import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/settings", "/settings"],
    ["/locations/abc?tab=1#x", "/locations/abc?tab=1#x"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.tld",
    "//evil.tld",
    "/\\evil.tld",
    "%2F%2Fevil.tld",
    "/%2F/evil.tld",
    "/%5Cevil.tld",
    "javascript:alert(1)",
    "settings",
    "/\u0000x",
    "",
    "%E0%A4%A",
  ])("turns %j into /", (input) => {
    expect(safeRedirectPath(input)).toBe("/");
  });

  it("ignores non-strings", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(42)).toBe("/");
  });
});
