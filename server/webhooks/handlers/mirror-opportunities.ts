import { z } from "zod";

import { opportunities } from "../../db/schema";
import { deleteUnlessNewer, newestWins } from "../../sync/mirror/last-write-wins";
import { optDate, optNumber, optText, parsePayload, requiredId } from "../payload";
import { locationKey } from "./mirror-contacts";
import type { EventHandler } from "./types";

const ZOpportunityPayload = z.looseObject({
  id: requiredId,
  name: optText,
  contactId: optText,
  pipelineId: optText,
  pipelineStageId: optText,
  status: optText,
  monetaryValue: optNumber,
  assignedTo: optText,
  source: optText,
  dateAdded: optDate,
  dateUpdated: optDate,
});

/** Every Opportunity* event but Delete carries the whole opportunity. */
export const opportunitySnapshot: EventHandler = {
  scope: "location",
  apply: async (tx, input) => {
    const o = parsePayload(ZOpportunityPayload, input.body);
    const applied = await tx
      .insert(opportunities)
      .values({
        ...locationKey(input, o.id),
        name: o.name,
        contactGhlId: o.contactId,
        pipelineId: o.pipelineId,
        pipelineStageId: o.pipelineStageId,
        status: o.status,
        monetaryValue: o.monetaryValue,
        assignedTo: o.assignedTo,
        source: o.source,
        dateAdded: o.dateAdded,
        dateUpdated: o.dateUpdated,
        sourceVersion: o.dateUpdated ?? input.fallbackVersion,
      })
      .onConflictDoUpdate(newestWins(opportunities))
      .returning({ id: opportunities.id });
    return applied.length > 0
      ? `opportunity ${o.id} saved`
      : `opportunity ${o.id}: the mirror is newer`;
  },
};

export const opportunityDeleted: EventHandler = {
  scope: "location",
  apply: async (tx, input) => {
    const { id } = parsePayload(z.looseObject({ id: requiredId }), input.body);
    const applied = await tx
      .insert(opportunities)
      .values({
        ...locationKey(input, id),
        deletedAt: input.fallbackVersion,
        sourceVersion: input.fallbackVersion,
      })
      .onConflictDoUpdate(deleteUnlessNewer(opportunities))
      .returning({ id: opportunities.id });
    return applied.length > 0
      ? `opportunity ${id} deleted`
      : `opportunity ${id}: the mirror is newer`;
  },
};
