import { z } from "zod";

import { contacts } from "../../db/schema";
import { deleteUnlessNewer, newestWins } from "../../sync/mirror/last-write-wins";
import { optBool, optDate, optText, parsePayload, requiredId } from "../payload";
import type { EventHandler, HandlerInput } from "./types";

const ZContactPayload = z.looseObject({
  id: requiredId,
  firstName: optText,
  lastName: optText,
  name: optText,
  email: optText,
  phone: optText,
  companyName: optText,
  source: optText,
  assignedTo: optText,
  dnd: optBool,
  tags: z.array(z.string().max(500)).max(1_000).nullish().catch(null),
  customFields: z
    .array(z.looseObject({ id: z.string(), value: z.unknown() }))
    .max(1_000)
    .nullish()
    .catch(null),
  dateAdded: optDate,
  dateUpdated: optDate,
});

const locationKey = (input: HandlerInput, ghlId: string) => ({
  agencyId: input.tenant.agencyId,
  // The handler's scope is "location", so the processor resolved one.
  locationId: input.tenant.locationId ?? "",
  ghlId,
});

/** ContactCreate/Update/TagUpdate/DndUpdate carry the full contact (REFERENCE §4.4). */
export const contactSnapshot: EventHandler = {
  scope: "location",
  apply: async (tx, input) => {
    const c = parsePayload(ZContactPayload, input.body);
    const name = c.name ?? ([c.firstName, c.lastName].filter(Boolean).join(" ") || null);
    const applied = await tx
      .insert(contacts)
      .values({
        ...locationKey(input, c.id),
        firstName: c.firstName,
        lastName: c.lastName,
        name,
        email: c.email?.toLowerCase() ?? null,
        phone: c.phone,
        companyName: c.companyName,
        source: c.source,
        assignedTo: c.assignedTo,
        dnd: c.dnd,
        tags: c.tags ?? null,
        customFields: c.customFields?.map((f) => ({ id: f.id, value: f.value })) ?? null,
        dateAdded: c.dateAdded,
        dateUpdated: c.dateUpdated,
        sourceVersion: c.dateUpdated ?? input.fallbackVersion,
      })
      .onConflictDoUpdate(newestWins(contacts))
      .returning({ id: contacts.id });
    return applied.length > 0 ? `contact ${c.id} saved` : `contact ${c.id}: the mirror is newer`;
  },
};

export const contactDeleted: EventHandler = {
  scope: "location",
  apply: async (tx, input) => {
    const { id } = parsePayload(z.looseObject({ id: requiredId }), input.body);
    const applied = await tx
      .insert(contacts)
      .values({
        ...locationKey(input, id),
        deletedAt: input.fallbackVersion,
        sourceVersion: input.fallbackVersion,
      })
      .onConflictDoUpdate(deleteUnlessNewer(contacts))
      .returning({ id: contacts.id });
    return applied.length > 0 ? `contact ${id} deleted` : `contact ${id}: the mirror is newer`;
  },
};

export { locationKey };
