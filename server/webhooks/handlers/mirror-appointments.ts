import { z } from "zod";

import { optDate, optText, parsePayload, requiredId } from "../payload";
import { locationKey, tombstone } from "./mirror-contacts";
import { stagedHandler } from "./staged";

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

export const appointmentSnapshot = stagedHandler((input, writes) => {
  const { appointment: a } = parsePayload(ZAppointmentPayload, input.body);
  writes.appointments.push({
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
  });
  return `appointment ${a.id} saved`;
});

export const appointmentDeleted = stagedHandler((input, writes) => {
  const { appointment } = parsePayload(
    z.looseObject({ appointment: z.looseObject({ id: requiredId }) }),
    input.body,
  );
  writes.appointmentDeletes.push(tombstone(input, appointment.id));
  return `appointment ${appointment.id} deleted`;
});
