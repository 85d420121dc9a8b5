import { z } from "zod";

/** Lenient field readers: GHL omits fields freely and sends "" for empty ones. */
export const optText = z
  .string()
  .max(10_000)
  .nullish()
  .catch(null)
  .transform((v) => (v === "" || v === undefined ? null : v));
export const optNumber = z.coerce.number().finite().nullish().catch(null);
export const optBool = z.boolean().nullish().catch(null);
export const optDate = z
  .string()
  .nullish()
  .catch(null)
  .transform((v) => {
    if (!v) return null;
    const at = new Date(v);
    return Number.isNaN(at.getTime()) ? null : at;
  });
export const requiredId = z.string().trim().min(1).max(200);
