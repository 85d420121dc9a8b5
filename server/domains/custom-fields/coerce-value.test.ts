import { describe, expect, it } from "vitest";

import { coerceFieldValue } from "./coerce-value";

const field = (dataType: string, options: string[] = []) => ({
  name: "Treatment",
  dataType,
  options,
});

describe("coerceFieldValue", () => {
  it.each([
    ["TEXT", " Invisalign ", "Invisalign"],
    ["NUMERICAL", "1,234.50", "1234.5"],
    ["MONETORY", "$99", "99"],
    ["NUMERICAL", "-3", "-3"],
    ["DATE", "2026-02-28", "2026-02-28"],
    ["DATE", "2/8/2026", "2026-02-08"],
    ["PHONE", "+1 (512) 555-0123", "+1 (512) 555-0123"],
    ["EMAIL", "a@b.co", "a@b.co"],
    ["TEXTBOX_LIST", "a | b", ["a", "b"]],
  ])("%s %j → %j", (type, input, expected) => {
    expect(coerceFieldValue(field(type), input)).toEqual({ ok: true, value: expected });
  });

  it("matches options case-insensitively and returns GHL's spelling", () => {
    const choice = field("SINGLE_OPTIONS", ["Invisalign", "Implants"]);
    expect(coerceFieldValue(choice, "implants")).toEqual({ ok: true, value: "Implants" });
    const many = field("MULTIPLE_OPTIONS", ["Email", "SMS", "Call"]);
    expect(coerceFieldValue(many, "sms; email|SMS")).toEqual({ ok: true, value: ["SMS", "Email"] });
  });

  it.each([
    ["NUMERICAL", "12abc", 'Treatment: "12abc" is not a number'],
    ["DATE", "2026-02-30", 'Treatment: "2026-02-30" is not a date (use YYYY-MM-DD or MM/DD/YYYY)'],
    ["DATE", "yesterday", 'Treatment: "yesterday" is not a date (use YYYY-MM-DD or MM/DD/YYYY)'],
    ["EMAIL", "nope", 'Treatment: "nope" is not an email address'],
    ["TEXT", "   ", "Treatment: is empty"],
    ["FILE_UPLOAD", "x.png", "Treatment: files cannot be set from text"],
    ["SIGNATURE", "x", "Treatment: has a type GHL Hub does not write (SIGNATURE)"],
  ])("refuses %s %j, naming the field", (type, input, error) => {
    expect(coerceFieldValue(field(type), input)).toEqual({ ok: false, error });
  });

  it("names the options a choice must be one of", () => {
    expect(coerceFieldValue(field("SINGLE_OPTIONS", ["A", "B"]), "C")).toEqual({
      ok: false,
      error: 'Treatment: "C" is not one of "A", "B"',
    });
    expect(coerceFieldValue(field("CHECKBOX", ["A", "B"]), "A, Z")).toEqual({
      ok: false,
      error: 'Treatment: "Z" not among "A", "B"',
    });
  });
});
