import { describe, expect, it } from "vitest";

import { csvCell, csvLine } from "../export/csv-cells";
import { draftRow, phoneKey, toIsoDate, validateStandardFields } from "./row-to-contact";
import { suggestMapping } from "./suggest-mapping";

describe("a CSV row as a GHL contact", () => {
  const mapping = {
    "0": "email",
    "1": "firstName",
    "2": "tags",
    "3": "dnd",
    "4": "dateOfBirth",
  } as const;

  it("validates with the catalog's schema and names the field on errors", () => {
    const ok = validateStandardFields(
      draftRow(["a@x.test", " Ada ", "vip; new,vip", "yes", "12/10/1815"], mapping),
      ["import"],
    );
    expect(ok).toEqual({
      ok: true,
      payload: {
        email: "a@x.test",
        firstName: "Ada",
        tags: ["vip", "new", "import"],
        dnd: true,
        dateOfBirth: "1815-12-10",
      },
    });
    const bad = validateStandardFields(
      draftRow(["nope", "", "", "maybe", "31/31/2020"], mapping),
      [],
    );
    expect(bad).toEqual({
      ok: false,
      errors: [
        'Do not disturb: use yes or no, not "maybe"',
        'Date of birth: use YYYY-MM-DD or MM/DD/YYYY, not "31/31/2020"',
        "Email: Not a valid email address",
      ],
    });
    expect(validateStandardFields(draftRow(["", "", "x", "", ""], mapping), [])).toMatchObject({
      ok: false,
      errors: ["Needs at least a name, an email, a phone or a company"],
    });
  });

  it("normalises dates and duplicate keys like GHL", () => {
    expect(toIsoDate("2024-02-29")).toBe("2024-02-29");
    expect(toIsoDate("2023-02-29")).toBeNull();
    expect(phoneKey("(512) 555-0100")).toBe("+15125550100");
    expect(phoneKey("+44 20 7946 0958")).toBe("+442079460958");
  });

  it("suggests a mapping from common column names, one column per field", () => {
    expect(
      suggestMapping(
        ["Given Name", "Surname", "Email Address", "email", "Zip", "Favourite"],
        [{ target: "canonical:favourite", label: "Favourite" }],
        { withLocation: false },
      ),
    ).toEqual({
      "0": "firstName",
      "1": "lastName",
      "2": "email",
      "4": "postalCode",
      "5": "canonical:favourite",
    });
  });
});

describe("CSV cells for spreadsheets", () => {
  it("neutralises formula starters and quotes per RFC 4180", () => {
    expect(["=1+1", "+1", "-1", "@x", "\tx", "\rx", "\0x"].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      '"\'\rx"',
      "'\0x",
    ]);
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell(["a", "b"])).toBe('"a, b"');
    expect(csvLine([1, null, true])).toBe("1,,true\r\n");
  });
});
