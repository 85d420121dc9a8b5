import { describe, expect, it } from "vitest";

import { redactDetails } from "./redact";

describe("redactDetails", () => {
  it("masks secret-looking keys at any depth and keeps the rest", () => {
    const out = redactDetails({
      input: {
        email: "a@b.test",
        password: "hunter2",
        nested: { accessToken: "t", refresh_token: "r", apiKey: "k" },
      },
    });
    expect(out).toEqual({
      input: {
        email: "a@b.test",
        password: "[redacted]",
        nested: { accessToken: "[redacted]", refresh_token: "[redacted]", apiKey: "[redacted]" },
      },
    });
  });

  it("bounds long strings, long arrays and deep nesting", () => {
    const out = redactDetails({
      s: "x".repeat(2000),
      a: Array.from({ length: 80 }, (_, i) => i),
      d: { a: { b: { c: { d: 1 } } } },
    }) as {
      s: string;
      a: number[];
      d: { a: { b: { c: unknown } } };
    };
    expect(out.s.length).toBe(501);
    expect(out.a).toHaveLength(50);
    expect(out.d.a.b.c).toBe("[truncated]");
  });
});
