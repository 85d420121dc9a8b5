import { z } from "zod";

import { router } from "../../trpc/init";
import {
  agencyProcedure,
  locationAdminProcedure,
  locationProcedure,
  noInput,
} from "../../trpc/procedures";
import { ZGetLocationInput, ZLocation, ZUpdateLocationSettingsInput } from "./locations.schemas";
import { getLocation, listLocations, updateSyncFrequency } from "./locations.service";

export const locationsRouter = router({
  list: agencyProcedure
    .input(noInput)
    .output(z.array(ZLocation))
    .query(({ ctx }) => listLocations(ctx)),
  get: locationProcedure
    .input(ZGetLocationInput)
    .output(ZLocation)
    .query(({ ctx }) => getLocation(ctx)),
  updateSettings: locationAdminProcedure
    .input(ZUpdateLocationSettingsInput)
    .output(ZLocation)
    .mutation(({ ctx, input }) => updateSyncFrequency(ctx, input.syncFrequency)),
});
