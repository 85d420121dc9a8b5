/** Cookie holding the id of the location the user opened last (set client-side, read by pages). */
export const LAST_LOCATION_COOKIE = "ghlhub_last_location";
