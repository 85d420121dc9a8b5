import { z } from "zod";

import { optNumber, optText, requiredId } from "../../sync/mirror/lenient";
import { defineOperation } from "./define-operation";

const ZCustomFieldDef = z.looseObject({
  id: requiredId,
  name: z.string().max(500),
  fieldKey: optText,
  dataType: z.string().max(50),
  position: optNumber,
  picklistOptions: z.array(z.string().max(1_000)).max(1_000).nullish().catch(null),
  model: optText,
});
export type GhlCustomFieldDef = z.infer<typeof ZCustomFieldDef>;

export const listCustomFields = defineOperation({
  id: "locations.customFields.list",
  title: "List custom fields",
  description: "The location's contact custom fields, with their types and allowed options.",
  scopes: ["locations/customFields.readonly"],
  ghlCalls: 1,
  mutates: false,
  input: z.strictObject({}),
  output: z.array(ZCustomFieldDef),
  run: async ({ http, target, ghlLocationId }) =>
    (
      await http.request({
        target,
        operation: "locations.customFields.list",
        method: "GET",
        path: `/locations/${encodeURIComponent(ghlLocationId)}/customFields`,
        query: { model: "contact" },
        version: "2021-07-28",
        schema: z.object({ customFields: z.array(ZCustomFieldDef) }),
      })
    ).customFields,
});
