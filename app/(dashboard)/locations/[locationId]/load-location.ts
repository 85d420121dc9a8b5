import "server-only";

import type { Metadata } from "next";

import { getLocation } from "./get-location";

export type LocationPageProps = { params: Promise<{ locationId: string }> };

/** The page's location, or a 404 when it is not the caller's. */
export const loadLocation = async (params: LocationPageProps["params"]) =>
  getLocation((await params).locationId);

/** "<section> · <location name>"; the section alone when the location cannot be read (the page 404s). */
export const locationMetadata =
  (section: string) =>
  async ({ params }: LocationPageProps): Promise<Metadata> => {
    const location = await loadLocation(params).catch(() => null);
    return { title: location ? `${section} · ${location.name}` : section };
  };
