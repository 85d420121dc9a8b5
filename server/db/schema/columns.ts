import { customType } from "drizzle-orm/pg-core";

/** Raw bytes: postgres.js hands back a Buffer, PGlite a Uint8Array; both are Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
