import { z } from "zod";

import { optDate, optNumber, optText, parsePayload, requiredId } from "../payload";
import { locationKey, tombstone } from "./mirror-contacts";
import { stagedHandler } from "./staged";

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
export const opportunitySnapshot = stagedHandler((input, writes) => {
  const o = parsePayload(ZOpportunityPayload, input.body);
  writes.opportunities.push({
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
  });
  return `opportunity ${o.id} saved`;
});

export const opportunityDeleted = stagedHandler((input, writes) => {
  const { id } = parsePayload(z.looseObject({ id: requiredId }), input.body);
  writes.opportunityDeletes.push(tombstone(input, id));
  return `opportunity ${id} deleted`;
});
