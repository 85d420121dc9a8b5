import { createHash } from "node:crypto";

import type { Location } from "../../store/types";

export type LostReason = {
  id: string;
  locationId: string;
  name: string;
  createdAt: number;
  updatedAt: number;
};

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The reasons every sub-account starts with, as set up in Settings → Opportunities. */
export const LOST_REASON_NAMES = [
  "Price too high",
  "Went with a competitor",
  "No response",
  "Not a good fit",
  "Bad timing",
] as const;

const idFor = (locationId: string, name: string) =>
  [...createHash("sha256").update(`${locationId}:lost-reason:${name}`).digest()]
    .slice(0, 20)
    .map((byte) => ALNUM[byte % ALNUM.length])
    .join("");

/**
 * A location's lost reasons. The API only reads them, so they are derived from the location
 * (stable ids, no state of their own) and survive snapshots and resets unchanged.
 */
export const lostReasonsOf = (location: Location): LostReason[] =>
  LOST_REASON_NAMES.map((name) => ({
    id: idFor(location.id, name),
    locationId: location.id,
    name,
    createdAt: location.dateAdded,
    updatedAt: location.dateAdded,
  }));
