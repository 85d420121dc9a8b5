import { and, eq, inArray } from "drizzle-orm";

import { canonicalFieldMappings, canonicalFields, customFields } from "../../db/schema";
import type { Db } from "../../db/types";
import type { LocationFields } from "./field-resolver";

/**
 * What resolving values at one location needs, in two queries. `canonicalKeys` narrows the
 * canonical fields read to those a write names (none: no query); without it, all of the agency's.
 */
export const loadLocationFields = async (
  db: Db,
  where: { agencyId: string; locationId: string },
  canonicalKeys?: readonly string[],
): Promise<LocationFields> => {
  const [definitions, canonical] = await Promise.all([
    db
      .select({
        ghlId: customFields.ghlId,
        name: customFields.name,
        dataType: customFields.dataType,
        options: customFields.options,
      })
      .from(customFields)
      .where(
        and(
          eq(customFields.agencyId, where.agencyId),
          eq(customFields.locationId, where.locationId),
        ),
      ),
    canonicalKeys?.length === 0
      ? []
      : db
          .select({
            key: canonicalFields.key,
            name: canonicalFields.name,
            ghlId: canonicalFieldMappings.customFieldGhlId,
          })
          .from(canonicalFields)
          .leftJoin(
            canonicalFieldMappings,
            and(
              eq(canonicalFieldMappings.canonicalFieldId, canonicalFields.id),
              eq(canonicalFieldMappings.agencyId, where.agencyId),
              eq(canonicalFieldMappings.locationId, where.locationId),
            ),
          )
          .where(
            and(
              eq(canonicalFields.agencyId, where.agencyId),
              canonicalKeys ? inArray(canonicalFields.key, [...canonicalKeys]) : undefined,
            ),
          ),
  ]);
  return { definitions, canonical };
};
