import type { Sandbox } from "../context";
import type { CustomField } from "../store/types";

const CONTACT_FIELDS = [
  { name: "Lead Score", key: "lead_score", dataType: "NUMERICAL", options: [] },
  {
    name: "Preferred Contact Method",
    key: "preferred_contact_method",
    dataType: "SINGLE_OPTIONS",
    options: ["Phone", "Email", "SMS"],
  },
  { name: "Referral Source", key: "referral_source", dataType: "TEXT", options: [] },
  {
    name: "Interests",
    key: "interests",
    dataType: "MULTIPLE_OPTIONS",
    options: ["Pricing", "Availability", "Financing", "Reviews"],
  },
  { name: "Last Visit", key: "last_visit", dataType: "DATE", options: [] },
] as const;

const OPPORTUNITY_FIELDS = [
  { name: "Expected Close", key: "expected_close", dataType: "DATE", options: [] },
] as const;

/** A handful of contact and opportunity custom fields per location, as agencies typically set up. */
export const seedCustomFields = (sandbox: Sandbox, locationId: string) => {
  const created: CustomField[] = [];
  const add = (
    model: "contact" | "opportunity",
    fields: readonly { name: string; key: string; dataType: string; options: readonly string[] }[],
  ) => {
    fields.forEach((field, position) => {
      const customField: CustomField = {
        id: sandbox.ids.ghl(),
        locationId,
        name: field.name,
        fieldKey: `${model}.${field.key}`,
        dataType: field.dataType,
        placeholder: "",
        position: position * 50,
        model,
        picklistOptions: [...field.options],
      };
      sandbox.state.customFields.set(customField.id, customField);
      created.push(customField);
    });
  };
  add("contact", CONTACT_FIELDS);
  add("opportunity", OPPORTUNITY_FIELDS);
  return created;
};
