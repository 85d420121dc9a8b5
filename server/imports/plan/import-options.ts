import { z } from "zod";

import { DELIMITERS } from "../csv/detect-delimiter";

export const ZImportLocation = z.discriminatedUnion("mode", [
  /** Every row goes to this location. */
  z.strictObject({ mode: z.literal("fixed"), locationId: z.uuid("Not a valid location id") }),
  /** Each row names its location (by name or GHL id) in the column mapped to `location`. */
  z.strictObject({ mode: z.literal("column") }),
]);

export const ZImportOptions = z.strictObject({
  delimiter: z.enum(DELIMITERS).optional(),
  location: ZImportLocation,
  /** A row matching an existing contact (email, then phone) updates it, or is skipped. */
  onDuplicate: z.enum(["update", "skip"]).default("update"),
  /** Added to every imported contact, e.g. "import-2026-11". */
  tags: z.array(z.string().trim().min(1).max(100)).max(10).default([]),
});
export type ImportOptions = z.output<typeof ZImportOptions>;

/** A location an import may write to (the caller is its admin). */
export type ImportLocation = {
  id: string;
  name: string;
  ghlLocationId: string | null;
  connectionStatus: string;
};
