import "server-only";

import { cache } from "react";

import { pageData } from "~/server/trpc/rsc-errors";
import { caller } from "~/server/trpc/rsc";

/** One access check (and, when refused, one audit row) per request, however many parts ask. */
export const getLocation = cache((locationId: string) =>
  pageData(caller.locations.get({ locationId })),
);
