import { z } from "zod";

import { router } from "../../trpc/init";
import {
  agencyAdminProcedure,
  agencyProcedure,
  locationProcedure,
  noInput,
} from "../../trpc/procedures";
import {
  createCanonical,
  deleteCanonical,
  listCanonical,
  mapField,
  suggestFieldMappings,
  unmapField,
  updateCanonical,
} from "./canonical-fields.service";
import {
  ZAcrossLocations,
  ZCanonicalField,
  ZCanonicalInput,
  ZCreateCanonicalInput,
  ZLocationFields,
  ZLocationInput,
  ZMapInput,
  ZRefreshResult,
  ZSuggestions,
  ZUnmapInput,
  ZUpdateCanonicalInput,
  ZValidateInput,
  ZValidateResult,
} from "./custom-fields.schemas";
import {
  listFieldsAcrossLocations,
  listLocationFields,
  refreshFields,
  validateFieldValues,
} from "./custom-fields.service";

const ZMappingResult = z.object({
  canonicalFieldId: z.uuid(),
  locationId: z.uuid(),
  customFieldGhlId: z.string().optional(),
  /** The field the location was mapped to before, if any. */
  previous: z.string().nullable(),
});

// Anyone who can open a location reads its fields; agency owners and admins manage canonical ones.
const canonicalRouter = router({
  list: agencyProcedure
    .input(noInput)
    .output(z.array(ZCanonicalField))
    .query(({ ctx }) => listCanonical(ctx)),
  create: agencyAdminProcedure
    .input(ZCreateCanonicalInput)
    .output(ZCanonicalField)
    .mutation(({ ctx, input }) => createCanonical(ctx, input)),
  update: agencyAdminProcedure
    .input(ZUpdateCanonicalInput)
    .output(ZCanonicalField)
    .mutation(({ ctx, input }) => updateCanonical(ctx, input)),
  delete: agencyAdminProcedure
    .input(ZCanonicalInput)
    .output(z.object({ id: z.uuid(), removedMappings: z.number() }))
    .mutation(({ ctx, input }) => deleteCanonical(ctx, input.canonicalFieldId)),
  map: agencyAdminProcedure
    .input(ZMapInput)
    .output(ZMappingResult)
    .mutation(({ ctx, input }) => mapField(ctx, input)),
  unmap: agencyAdminProcedure
    .input(ZUnmapInput)
    .output(ZMappingResult)
    .mutation(({ ctx, input }) => unmapField(ctx, input)),
});

export const customFieldsRouter = router({
  list: locationProcedure
    .input(ZLocationInput)
    .output(ZLocationFields)
    .query(({ ctx }) => listLocationFields(ctx)),
  listAcrossLocations: agencyProcedure
    .input(noInput)
    .output(ZAcrossLocations)
    .query(({ ctx }) => listFieldsAcrossLocations(ctx)),
  refresh: locationProcedure
    .input(ZLocationInput)
    .output(ZRefreshResult)
    .mutation(({ ctx }) => refreshFields(ctx)),
  validate: locationProcedure
    .input(ZValidateInput)
    .output(ZValidateResult)
    .query(({ ctx, input }) => validateFieldValues(ctx, input.values)),
  suggestMappings: agencyAdminProcedure
    .input(noInput)
    .output(ZSuggestions)
    .query(({ ctx }) => suggestFieldMappings(ctx)),
  canonical: canonicalRouter,
});
