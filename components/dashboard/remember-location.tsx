"use client";

import { useEffect } from "react";

import { LAST_LOCATION_COOKIE } from "./last-location";

/** Remembers the location last opened, so /locations and the overview can bring the user back. */
export const RememberLocation = ({ locationId }: { locationId: string }) => {
  useEffect(() => {
    document.cookie = `${LAST_LOCATION_COOKIE}=${encodeURIComponent(locationId)}; path=/; max-age=31536000; samesite=lax`;
  }, [locationId]);
  return null;
};
