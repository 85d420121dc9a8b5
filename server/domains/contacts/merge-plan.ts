import { ZContactUpdateFields } from "../../ghl/catalog/contacts/contact-fields";
import type { TContact } from "./contacts.schemas";

/** Fields a merge may copy to the primary: what GHL's update accepts (not companyName). */
export const MERGEABLE = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "address1",
  "city",
  "state",
  "postalCode",
  "country",
  "website",
  "timezone",
  "source",
  "assignedTo",
  "dateOfBirth",
] as const;
export type MergeableField = (typeof MERGEABLE)[number];

type WritableValue = string | number | string[] | Record<string, unknown>;

export type MergePlan = {
  /** Empty on the primary, set on the duplicate: copied. */
  fill: Partial<Record<MergeableField, string>>;
  /** Set on both and different: the primary's value is kept. */
  conflicts: { field: string; primary: string; duplicate: string }[];
  /** The duplicate's values GHL would refuse (e.g. a malformed phone): not copied. */
  skipped: { field: string; value: string; reason: string }[];
  tagsAdded: string[];
  /** Custom fields the primary lacks, with the duplicate's values. */
  customFieldsAdded: { id: string; value: WritableValue }[];
};

const isBlank = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

const isWritable = (value: unknown): value is WritableValue =>
  typeof value === "string" ||
  (typeof value === "number" && Number.isFinite(value)) ||
  (Array.isArray(value) && value.every((v) => typeof v === "string")) ||
  (typeof value === "object" && value !== null && !Array.isArray(value));

/**
 * What merging `duplicate` into `primary` does: the primary keeps every value it has; its empty
 * fields take the duplicate's; tags and custom fields are the union (primary wins per field).
 */
export const planMerge = (primary: TContact, duplicate: TContact): MergePlan => {
  const plan: MergePlan = {
    fill: {},
    conflicts: [],
    skipped: [],
    tagsAdded: [],
    customFieldsAdded: [],
  };
  for (const field of MERGEABLE) {
    const [mine, theirs] = [primary[field], duplicate[field]];
    if (isBlank(theirs) || theirs === null) continue;
    if (!isBlank(mine)) {
      if (mine?.toLowerCase() !== theirs.toLowerCase())
        plan.conflicts.push({ field, primary: mine ?? "", duplicate: theirs });
      continue;
    }
    const valid = ZContactUpdateFields.shape[field].safeParse(theirs);
    if (valid.success) plan.fill[field] = theirs;
    else
      plan.skipped.push({
        field,
        value: theirs,
        reason: valid.error.issues[0]?.message ?? "not accepted by GoHighLevel",
      });
  }
  const tags = new Set(primary.tags);
  plan.tagsAdded = [...new Set(duplicate.tags)].filter((tag) => !tags.has(tag));
  const present = new Set(primary.customFields.filter((f) => !isBlank(f.value)).map((f) => f.id));
  for (const field of duplicate.customFields) {
    if (present.has(field.id) || isBlank(field.value)) continue;
    if (isWritable(field.value)) plan.customFieldsAdded.push({ id: field.id, value: field.value });
  }
  return plan;
};

export const isEmptyPlan = (plan: MergePlan) =>
  Object.keys(plan.fill).length === 0 &&
  plan.tagsAdded.length === 0 &&
  plan.customFieldsAdded.length === 0;
