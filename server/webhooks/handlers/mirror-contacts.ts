import { z } from "zod";

import { ZGhlContactRecord, toMirrorContact } from "../../sync/contacts/contact-record";
import { parsePayload, requiredId } from "../payload";
import { stagedHandler } from "./staged";
import type { HandlerInput } from "./types";

const locationKey = (input: HandlerInput, ghlId: string) => ({
  agencyId: input.tenant.agencyId,
  // The handler's scope is "location", so the processor resolved one.
  locationId: input.tenant.locationId ?? "",
  ghlId,
});

/** The deletion instant: the webhook's, which is never before the record's last dateUpdated. */
const tombstone = (input: HandlerInput, ghlId: string) => ({
  ...locationKey(input, ghlId),
  deletedAt: input.fallbackVersion,
  sourceVersion: input.fallbackVersion,
});

/** ContactCreate/Update/TagUpdate/DndUpdate carry the full contact (REFERENCE §4.4). */
export const contactSnapshot = stagedHandler((input, writes) => {
  const c = parsePayload(ZGhlContactRecord, input.body);
  writes.contacts.push(toMirrorContact(locationKey(input, c.id), c, input.fallbackVersion));
  return `contact ${c.id} saved`;
});

export const contactDeleted = stagedHandler((input, writes) => {
  const { id } = parsePayload(z.looseObject({ id: requiredId }), input.body);
  writes.contactDeletes.push(tombstone(input, id));
  return `contact ${id} deleted`;
});

export { locationKey, tombstone };
