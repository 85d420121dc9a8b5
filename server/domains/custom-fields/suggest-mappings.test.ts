import { describe, expect, it } from "vitest";

import { isCompatible } from "./field-types";
import { normaliseFieldName, slugifyKey, suggestMappings } from "./suggest-mappings";

const field = (ghlId: string, name: string, dataType: string, fieldKey: string | null = null) => ({
  ghlId,
  name,
  dataType,
  fieldKey,
});

describe("field names and keys", () => {
  it("reads names, keys and fieldKeys alike", () => {
    expect(normaliseFieldName("Lead Score")).toBe("leadscore");
    expect(normaliseFieldName("contact.lead_score")).toBe("leadscore");
    expect(normaliseFieldName("lead-score ")).toBe("leadscore");
  });

  it("makes keys a canonical field accepts", () => {
    expect(slugifyKey("Preferred Contact Method")).toBe("preferred_contact_method");
    expect(slugifyKey("  Café — Notes! ")).toBe("cafe_notes");
    expect(slugifyKey("2nd Phone")).toBe("f_2nd_phone");
  });

  it("refuses mappings whose GHL type cannot hold the canonical type", () => {
    expect(isCompatible("number", "MONETORY")).toBe(true);
    expect(isCompatible("email", "TEXT")).toBe(true);
    expect(isCompatible("number", "TEXT")).toBe(false);
    expect(isCompatible("text", "EMAIL")).toBe(false);
    expect(isCompatible("unknown", "TEXT")).toBe(false);
  });
});

describe("suggestMappings", () => {
  const locations = [
    {
      id: "loc-a",
      fields: [
        field("a1", "Lead Score", "NUMERICAL", "contact.lead_score"),
        field("a2", "Source", "TEXT"),
        field("a3", "Treatment", "SINGLE_OPTIONS"),
      ],
    },
    {
      id: "loc-b",
      fields: [
        field("b1", "Score", "TEXT", "contact.lead_score"),
        field("b2", "Lead score", "MONETORY"),
        field("b3", "treatment", "RADIO"),
      ],
    },
    { id: "loc-c", fields: [field("c1", "Lead Score", "NUMERICAL")] },
  ];

  it("maps unmapped locations by name or fieldKey, only to compatible and free fields", () => {
    const canonical = [
      {
        id: "score",
        key: "lead_score",
        name: "Lead score",
        dataType: "number",
        mappings: new Map([["loc-c", "c1"]]),
      },
    ];
    const { mappings } = suggestMappings(canonical, locations);
    // loc-b's "Score" has the right fieldKey but is TEXT; its MONETORY "Lead score" fits.
    expect(mappings).toEqual([
      {
        canonicalFieldId: "score",
        locationId: "loc-a",
        customFieldGhlId: "a1",
        fieldName: "Lead Score",
      },
      {
        canonicalFieldId: "score",
        locationId: "loc-b",
        customFieldGhlId: "b2",
        fieldName: "Lead score",
      },
    ]);
  });

  it("proposes canonical fields for names several locations share", () => {
    const { newCanonical } = suggestMappings([], locations);
    expect(
      newCanonical.map((s) => [s.key, s.dataType, s.fields.map((f) => f.customFieldGhlId)]),
    ).toEqual([
      ["lead_score", "number", ["a1", "b2", "c1"]],
      ["treatment", "single_option", ["a3", "b3"]],
    ]);
  });

  it("proposes nothing already covered by a canonical field", () => {
    const canonical = [
      {
        id: "t",
        key: "treatment",
        name: "Treatment",
        dataType: "single_option",
        mappings: new Map(),
      },
    ];
    const { newCanonical } = suggestMappings(canonical, locations);
    expect(newCanonical.map((s) => s.key)).toEqual(["lead_score"]);
  });
});
