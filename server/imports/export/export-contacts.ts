import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";

import { contacts } from "../../db/schema";
import type { Db } from "../../db/types";
import { csvLine } from "./csv-cells";

type Contact = typeof contacts.$inferSelect;

/** Columns an export can hold, in this order; custom fields follow as `customField:<id>`. */
export const EXPORT_FIELDS = {
  ghlId: { label: "Contact id", read: (c: Contact) => c.ghlId },
  firstName: { label: "First name", read: (c: Contact) => c.firstName },
  lastName: { label: "Last name", read: (c: Contact) => c.lastName },
  name: { label: "Full name", read: (c: Contact) => c.name },
  email: { label: "Email", read: (c: Contact) => c.email },
  phone: { label: "Phone", read: (c: Contact) => c.phone },
  companyName: { label: "Company", read: (c: Contact) => c.companyName },
  tags: { label: "Tags", read: (c: Contact) => c.tags },
  address1: { label: "Street address", read: (c: Contact) => c.address1 },
  city: { label: "City", read: (c: Contact) => c.city },
  state: { label: "State", read: (c: Contact) => c.state },
  postalCode: { label: "Postal code", read: (c: Contact) => c.postalCode },
  country: { label: "Country", read: (c: Contact) => c.country },
  website: { label: "Website", read: (c: Contact) => c.website },
  timezone: { label: "Time zone", read: (c: Contact) => c.timezone },
  source: { label: "Source", read: (c: Contact) => c.source },
  type: { label: "Type", read: (c: Contact) => c.type },
  assignedTo: { label: "Assigned to", read: (c: Contact) => c.assignedTo },
  dnd: {
    label: "Do not disturb",
    read: (c: Contact) => (c.dnd === null ? null : c.dnd ? "yes" : "no"),
  },
  dateOfBirth: { label: "Date of birth", read: (c: Contact) => c.dateOfBirth },
  dateAdded: { label: "Added", read: (c: Contact) => c.dateAdded },
  dateUpdated: { label: "Updated", read: (c: Contact) => c.dateUpdated },
} as const;
export type ExportField = keyof typeof EXPORT_FIELDS;
export const DEFAULT_EXPORT_FIELDS: ExportField[] = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "companyName",
  "tags",
];

const standardFields = Object.keys(EXPORT_FIELDS) as [ExportField, ...ExportField[]];

export const ZExportField = z.union([
  z.enum(standardFields),
  z.string().regex(/^customField:[A-Za-z0-9_-]{1,100}$/),
]);

/** `fields=email,phone,customField:abc` from a query string; empty → the default set. */
export const ZExportFields = z
  .string()
  .max(5_000)
  .optional()
  .transform((text) =>
    text
      ? text
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean)
      : DEFAULT_EXPORT_FIELDS,
  )
  .pipe(z.array(ZExportField).min(1, "Choose at least one field").max(200));

const PAGE = 1_000;

/**
 * The mirror's live contacts of one location as CSV lines, page by page (keyset on the location's
 * unique GHL id index): memory stays flat however many contacts there are. Starts with a BOM so
 * Excel reads it as UTF-8.
 */
export async function* exportContactsCsv(
  db: Db,
  where: { agencyId: string; locationId: string },
  fields: string[],
  customLabels: Map<string, string> = new Map(),
): AsyncGenerator<string> {
  const label = (field: string) =>
    field in EXPORT_FIELDS
      ? EXPORT_FIELDS[field as ExportField].label
      : (customLabels.get(field.slice("customField:".length)) ?? field);
  yield `\uFEFF${csvLine(fields.map(label))}`;
  let after = "";
  for (;;) {
    const page = await db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.agencyId, where.agencyId),
          eq(contacts.locationId, where.locationId),
          isNull(contacts.deletedAt),
          gt(contacts.ghlId, after),
        ),
      )
      .orderBy(asc(contacts.ghlId))
      .limit(PAGE);
    if (page.length === 0) return;
    let chunk = "";
    for (const contact of page) {
      chunk += csvLine(
        fields.map((field) =>
          field in EXPORT_FIELDS
            ? EXPORT_FIELDS[field as ExportField].read(contact)
            : contact.customFields?.find((f) => f.id === field.slice("customField:".length))?.value,
        ),
      );
    }
    yield chunk;
    const last = page.at(-1);
    if (page.length < PAGE || !last) return;
    after = last.ghlId;
  }
}
