import { z } from "zod";

import { appointments } from "../../db/schema";
import { deleteUnlessNewer, newestWins } from "../../sync/mirror/last-write-wins";
import { optDate, optText, parsePayload, requiredId } from "../payload";
import { locationKey } from "./mirror-contacts";
import type { EventHandler } from "./types";

/** Appointment events nest the record under `appointment` (REFERENCE §4.4). */
const ZAppointmentPayload = z.looseObject({
  appointment: z.looseObject({
    id: requiredId,
    calendarId: optText,
    contactId: optText,
    title: optText,
    appointmentStatus: optText,
    assignedUserId: optText,
    startTime: optDate,
    endTime: optDate,
    address: optText,
    notes: optText,
    source: optText,
    dateAdded: optDate,
    dateUpdated: optDate,
  }),
});

export const appointmentSnapshot: EventHandler = {
  scope: "location",
  apply: async (tx, input) => {
    const { appointment: a } = parsePayload(ZAppointmentPayload, input.body);
    const applied = await tx
      .insert(appointments)
      .values({
        ...locationKey(input, a.id),
        calendarId: a.calendarId,
        contactGhlId: a.contactId,
        title: a.title,
        status: a.appointmentStatus,
        assignedUserId: a.assignedUserId,
        startTime: a.startTime,
        endTime: a.endTime,
        address: a.address,
        notes: a.notes,
        source: a.source,
        dateAdded: a.dateAdded,
        dateUpdated: a.dateUpdated,
        sourceVersion: a.dateUpdated ?? input.fallbackVersion,
      })
      .onConflictDoUpdate(newestWins(appointments))
      .returning({ id: appointments.id });
    return applied.length > 0
      ? `appointment ${a.id} saved`
      : `appointment ${a.id}: the mirror is newer`;
  },
};

export const appointmentDeleted: EventHandler = {
  scope: "location",
  apply: async (tx, input) => {
    const { appointment } = parsePayload(
      z.looseObject({ appointment: z.looseObject({ id: requiredId }) }),
      input.body,
    );
    // The deletion instant: the webhook's, which is never before the record's last dateUpdated.
    const applied = await tx
      .insert(appointments)
      .values({
        ...locationKey(input, appointment.id),
        deletedAt: input.fallbackVersion,
        sourceVersion: input.fallbackVersion,
      })
      .onConflictDoUpdate(deleteUnlessNewer(appointments))
      .returning({ id: appointments.id });
    return applied
      ? `appointment ${appointment.id} deleted`
      : `appointment ${appointment.id}: the mirror is newer`;
  },
};
