import { describe, expect, it } from "vitest";

import type { TContact } from "./contacts.schemas";
import { isEmptyPlan, planMerge } from "./merge-plan";

const contact = (fields: Partial<TContact>): TContact => ({
  id: "00000000-0000-4000-8000-000000000001",
  ghlId: "g1",
  locationId: "00000000-0000-4000-8000-000000000002",
  name: null,
  firstName: null,
  lastName: null,
  email: null,
  phone: null,
  companyName: null,
  tags: [],
  dateAdded: null,
  dateUpdated: null,
  source: null,
  assignedTo: null,
  dnd: null,
  type: null,
  address1: null,
  city: null,
  state: null,
  postalCode: null,
  country: null,
  website: null,
  timezone: null,
  dateOfBirth: null,
  customFields: [],
  syncedAt: new Date(0),
  ...fields,
});

describe("planMerge", () => {
  it("keeps the primary's values, fills its gaps and unions tags and custom fields", () => {
    const plan = planMerge(
      contact({
        firstName: "Ada",
        email: "ada@x.test",
        tags: ["a"],
        customFields: [{ id: "f1", value: "1" }],
      }),
      contact({
        firstName: "ADA",
        lastName: "King",
        email: "other@x.test",
        tags: ["a", "b"],
        customFields: [
          { id: "f1", value: "2" },
          { id: "f2", value: ["x"] },
          { id: "f3", value: "" },
        ],
      }),
    );
    expect(plan).toEqual({
      fill: { lastName: "King" },
      conflicts: [{ field: "email", primary: "ada@x.test", duplicate: "other@x.test" }],
      skipped: [],
      tagsAdded: ["b"],
      customFieldsAdded: [{ id: "f2", value: ["x"] }],
    });
  });

  it("skips values GHL would refuse instead of failing the merge", () => {
    const plan = planMerge(contact({}), contact({ country: "Germany", city: "Berlin" }));
    expect(plan.fill).toEqual({ city: "Berlin" });
    expect(plan.skipped).toEqual([
      { field: "country", value: "Germany", reason: "Use a two-letter country code, e.g. US" },
    ]);
  });

  it("knows when there is nothing to copy", () => {
    expect(isEmptyPlan(planMerge(contact({ city: "Rome" }), contact({ city: "Rome" })))).toBe(true);
  });
});
