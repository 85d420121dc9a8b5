import type { ReactNode } from "react";

import { RememberLocation } from "~/components/dashboard/remember-location";

import { getLocation } from "./get-location";

type Props = { children: ReactNode; params: Promise<{ locationId: string }> };

/** Every page under a location passes through the location check (404 when not the caller's). */
const LocationLayout = async ({ children, params }: Props) => {
  const { locationId } = await params;
  const location = await getLocation(locationId);
  return (
    <>
      <RememberLocation locationId={location.id} />
      {children}
    </>
  );
};

export default LocationLayout;
