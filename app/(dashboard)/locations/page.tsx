import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { LAST_LOCATION_COOKIE } from "~/components/dashboard/last-location";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller } from "~/server/trpc/rsc";

/** /locations brings the user back to the location they used last, if they still have it. */
const LocationsIndex = async () => {
  const [locations, cookieStore] = await Promise.all([
    pageData(caller.locations.list()),
    cookies(),
  ]);
  const lastId = cookieStore.get(LAST_LOCATION_COOKIE)?.value;
  const target = locations.find((l) => l.id === lastId) ?? locations[0];
  redirect(target ? `/locations/${target.id}` : "/");
};

export default LocationsIndex;
