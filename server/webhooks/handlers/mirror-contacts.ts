import { z } from "zod";

import { contacts } from "../../db/schema";
import { deleteUnlessNewer } from "../../sync/mirror/last-write-wins";
import { ZGhlContactRecord, toMirrorContact } from "../../sync/contacts/contact-record";
import { upsertMirrorContacts } from "../../sync/contacts/upsert-contacts";
import { parsePayload, requiredId } from "../payload";
import type { EventHandler, HandlerInput } from "./types";

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
    const c = parsePayload(ZGhlContactRecord, input.body);
    const { created, updated } = await upsertMirrorContacts(tx, [
      toMirrorContact(locationKey(input, c.id), c, input.fallbackVersion),
    ]);
    return created + updated > 0 ? `contact ${c.id} saved` : `contact ${c.id}: the mirror is newer`;
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
