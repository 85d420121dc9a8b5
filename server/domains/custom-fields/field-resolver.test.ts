import { describe, expect, it } from "vitest";

import { type LocationFields, createFieldResolver } from "./field-resolver";

const FIELDS: LocationFields = {
  definitions: [
    { ghlId: "score01", name: "Lead Score", dataType: "NUMERICAL" },
    { ghlId: "method01", name: "Contact Method", dataType: "SINGLE_OPTIONS", options: ["SMS"] },
    { ghlId: "visit01", name: "Last Visit", dataType: "DATE" },
    { ghlId: "topics01", name: "Topics", dataType: "MULTIPLE_OPTIONS", options: ["A", "B"] },
  ],
  canonical: [
    { key: "lead_score", name: "Lead score", ghlId: "score01" },
    { key: "budget", name: "Budget", ghlId: null },
    { key: "gone", name: "Gone", ghlId: "deleted01" },
  ],
};

describe("createFieldResolver", () => {
  const resolve = createFieldResolver(FIELDS);

  it("maps canonical keys to the location's field and coerces each value to its type", () => {
    expect(
      resolve({
        "canonical:lead_score": "1,200",
        method01: "sms",
        visit01: "2/8/2026",
        topics01: ["b", "A"],
      }),
    ).toEqual({
      ok: true,
      customFields: [
        { id: "score01", field_value: "1200" },
        { id: "method01", field_value: "SMS" },
        { id: "visit01", field_value: "2026-02-08" },
        { id: "topics01", field_value: ["B", "A"] },
      ],
    });
  });

  it("leaves out empty values, even for keys it could not resolve", () => {
    expect(
      resolve({ score01: "  ", "canonical:budget": "", nope: null, topics01: [], x: undefined }),
    ).toEqual({ ok: true, customFields: [] });
  });

  it("names the field in every error, in the order the values came", () => {
    expect(
      resolve({
        "canonical:lead_score": "12abc",
        method01: "Fax",
        "canonical:budget": "100",
        "canonical:nope": "x",
        "canonical:gone": "x",
        NoSuchField: "x",
      }),
    ).toEqual({
      ok: false,
      errors: [
        'Lead Score: "12abc" is not a number',
        'Contact Method: "Fax" is not one of "SMS"',
        "Budget (canonical:budget): not mapped to a field of this location; map it in Settings → Custom fields",
        "canonical:nope: the agency has no canonical field with this key",
        'Gone (canonical:gone): this location has no custom field with id "deleted01"; refresh its fields from GoHighLevel',
        'NoSuchField: this location has no custom field with id "NoSuchField"; refresh its fields from GoHighLevel',
      ],
    });
  });

  it("refuses a canonical key and the id it maps to writing one field", () => {
    expect(resolve({ "canonical:lead_score": "1", score01: "2" })).toEqual({
      ok: false,
      errors: ['Lead Score: set twice, by "canonical:lead_score" and by "score01"'],
    });
  });

  it("resolves many rows with one set of definitions, each row on its own", () => {
    const rows = [
      { "canonical:lead_score": "1" },
      { score01: "2" },
      { score01: "x" },
      { "canonical:lead_score": "3" },
    ];
    expect(rows.map(resolve)).toEqual([
      { ok: true, customFields: [{ id: "score01", field_value: "1" }] },
      { ok: true, customFields: [{ id: "score01", field_value: "2" }] },
      { ok: false, errors: ['Lead Score: "x" is not a number'] },
      { ok: true, customFields: [{ id: "score01", field_value: "3" }] },
    ]);
  });
});
