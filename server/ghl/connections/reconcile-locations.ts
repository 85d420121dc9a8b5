import { markDisconnectedExcept, upsertGhlLocation } from "../../domains/locations/locations.repo";
import type { GhlRuntime } from "../runtime";
import { companyTarget } from "./targets";

/**
 * Makes the agency's locations match the sub-accounts the app is installed on: new ones are added,
 * details refreshed, and ones no longer installed marked disconnected. Returns how many are connected.
 */
export const reconcileCompanyLocations = async (runtime: GhlRuntime, agencyId: string) => {
  const { connection, target } = await companyTarget(runtime, agencyId);
  const installed = await runtime.api.oauth.installedLocations(target, {
    companyId: connection.ghlCompanyId,
    appId: runtime.appId,
  });
  const connected: string[] = [];
  for (const item of installed) {
    const details = await runtime.api.locations.get(target, item._id).catch(() => null);
    await upsertGhlLocation(runtime.db, agencyId, {
      ghlLocationId: item._id,
      name: details?.name ?? item.name,
      timezone: details?.timezone,
      city: details?.city,
      country: details?.country,
    });
    connected.push(item._id);
  }
  await markDisconnectedExcept(runtime.db, agencyId, connected);
  return connected.length;
};
