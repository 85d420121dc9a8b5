import { and, eq, inArray, isNull, sql } from "drizzle-orm";

import { contacts } from "../../db/schema";
import type { Db } from "../../db/types";
import { emailKey, phoneKey } from "../mapping/row-to-contact";

export type MirrorMatch = { ghlId: string; tags: string[]; by: "email" | "phone" };

type Candidate = { email?: string | null; phone?: string | null };

/**
 * GHL's duplicate rule against the mirror of one location: the email (case-insensitive) first,
 * then the phone. Deleted contacts do not match. One query per key kind for a whole batch.
 */
export const matchInMirror = async (
  db: Db,
  where: { agencyId: string; locationId: string },
  rows: Candidate[],
): Promise<(MirrorMatch | null)[]> => {
  const emails = [...new Set(rows.map((r) => emailKey(r.email)).filter((e) => e !== null))];
  const phones = [...new Set(rows.map((r) => phoneKey(r.phone)).filter((p) => p !== null))];
  const scope = and(
    eq(contacts.agencyId, where.agencyId),
    eq(contacts.locationId, where.locationId),
    isNull(contacts.deletedAt),
  );
  const columns = { ghlId: contacts.ghlId, tags: contacts.tags };
  const [byEmail, byPhone] = await Promise.all([
    emails.length === 0
      ? []
      : db
          .select({ ...columns, key: sql<string>`lower(${contacts.email})` })
          .from(contacts)
          .where(and(scope, inArray(sql`lower(${contacts.email})`, emails))),
    phones.length === 0
      ? []
      : db
          .select({ ...columns, key: contacts.phone })
          .from(contacts)
          .where(and(scope, inArray(contacts.phone, phones))),
  ]);
  const emailIndex = new Map(byEmail.map((c) => [c.key, c]));
  const phoneIndex = new Map(byPhone.map((c) => [c.key ?? "", c]));
  return rows.map((row) => {
    const email = emailKey(row.email);
    const hitByEmail = email ? emailIndex.get(email) : undefined;
    if (hitByEmail) return { ghlId: hitByEmail.ghlId, tags: hitByEmail.tags ?? [], by: "email" };
    const phone = phoneKey(row.phone);
    const hitByPhone = phone ? phoneIndex.get(phone) : undefined;
    if (hitByPhone) return { ghlId: hitByPhone.ghlId, tags: hitByPhone.tags ?? [], by: "phone" };
    return null;
  });
};

/** Duplicates inside the file, per location, by the same rule: the first row wins. */
export const createFileDuplicates = () => {
  const seen = new Map<string, number>();
  return (locationId: string, line: number, row: Candidate) => {
    const email = emailKey(row.email);
    const phone = phoneKey(row.phone);
    const byEmail = email ? seen.get(`${locationId}\u0000e\u0000${email}`) : undefined;
    const byPhone = phone ? seen.get(`${locationId}\u0000p\u0000${phone}`) : undefined;
    const earlier = byEmail ?? byPhone;
    if (earlier !== undefined)
      return `Same ${byEmail !== undefined ? "email" : "phone"} as line ${earlier}: only the first of them is imported`;
    if (email) seen.set(`${locationId}\u0000e\u0000${email}`, line);
    if (phone) seen.set(`${locationId}\u0000p\u0000${phone}`, line);
    return null;
  };
};
