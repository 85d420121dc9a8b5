import { slugOf, weekdaysNineToFive } from "../routes/calendars/calendar-defaults";
import { bookable, openSlotStarts, slotLength } from "../routes/calendars/slots";
import type { Appointment, AppointmentStatus, Calendar } from "../store/types";
import type { DemoLocation } from "./demo-world";
import type { DomainSeeder } from "./seeders";

const DAY_MS = 24 * 60 * 60 * 1000;

type Blueprint = {
  name: string;
  minutes: 30 | 45 | 60;
  description: string;
  /** Classes take several bookings per slot. */
  perSlot?: number;
};

const BLUEPRINTS: Record<DemoLocation["vertical"], Blueprint[]> = {
  dental: [
    { name: "New Patient Exam", minutes: 60, description: "Exam, X-rays and a treatment plan." },
    { name: "Cleaning & Checkup", minutes: 60, description: "Routine hygiene visit." },
    { name: "Emergency Visit", minutes: 30, description: "Same-week care for pain or damage." },
  ],
  roofing: [
    { name: "Free Roof Inspection", minutes: 60, description: "On-site inspection and photos." },
    { name: "Estimate Review", minutes: 30, description: "Walk through your written estimate." },
    { name: "Storm Damage Assessment", minutes: 60, description: "Insurance-ready report." },
  ],
  yoga: [
    { name: "Intro Class", minutes: 60, description: "Beginner flow.", perSlot: 12 },
    { name: "Private Session", minutes: 60, description: "One-on-one practice." },
    { name: "Studio Tour", minutes: 30, description: "Meet the teachers and see the space." },
  ],
  legal: [
    { name: "Free Consultation", minutes: 30, description: "Tell us about your case." },
    { name: "Case Review", minutes: 60, description: "Review documents and next steps." },
    { name: "Document Signing", minutes: 30, description: "Sign and notarise." },
  ],
  realty: [
    { name: "Home Showing", minutes: 60, description: "Tour a listed property." },
    { name: "Buyer Consultation", minutes: 30, description: "Budget, areas and timing." },
    { name: "Listing Appointment", minutes: 60, description: "Price and market your home." },
  ],
  hvac: [
    { name: "AC Tune-Up", minutes: 60, description: "Seasonal maintenance visit." },
    { name: "Service Call", minutes: 60, description: "Diagnose and repair." },
    { name: "Free Estimate", minutes: 30, description: "New system quote." },
  ],
  vet: [
    { name: "Wellness Exam", minutes: 30, description: "Annual check-up." },
    { name: "Vaccination", minutes: 30, description: "Core and lifestyle vaccines." },
    { name: "Sick Visit", minutes: 45, description: "Same-day care for unwell pets." },
  ],
};

const SATURDAY_VERTICALS = new Set<DemoLocation["vertical"]>(["dental", "yoga", "realty", "vet"]);

const NOTES = [
  "Prefers morning appointments.",
  "Asked for a reminder text the day before.",
  "Referred by a friend.",
  "Running a few minutes late.",
  "Parking at the back entrance.",
];

const pickStatus = (past: boolean, roll: number): AppointmentStatus => {
  if (past)
    return roll < 0.6 ? "showed" : roll < 0.75 ? "noshow" : roll < 0.9 ? "cancelled" : "confirmed";
  return roll < 0.65 ? "confirmed" : roll < 0.85 ? "new" : "cancelled";
};

/**
 * One to three calendars that fit the vertical, open Mon–Fri 9–17 (and Saturday mornings for
 * some) in the location's zone, and 20–60 appointments from 30 days ago to 30 days ahead.
 */
export const seedCalendars: DomainSeeder = (sandbox, { location, demo, contacts, users, now }) => {
  const { random } = sandbox;
  if (users.length === 0 || contacts.length === 0) return;
  const groupId = sandbox.ids.ghl();
  const openHours = weekdaysNineToFive();
  if (SATURDAY_VERTICALS.has(demo.vertical))
    openHours.push({
      daysOfTheWeek: [6],
      hours: [{ openHour: 9, openMinute: 0, closeHour: 13, closeMinute: 0 }],
    });

  const calendars = BLUEPRINTS[demo.vertical].slice(0, 1 + random.int(3)).map((bp) => {
    const team = users.length > 1 && random.chance(0.5) ? users.slice(0, 2) : [random.pick(users)];
    const calendar: Calendar = {
      id: sandbox.ids.ghl(),
      locationId: location.id,
      groupId,
      name: bp.name,
      description: bp.description,
      slug: slugOf(`${demo.vertical}-${bp.name}`),
      calendarType: bp.perSlot ? "class_booking" : team.length > 1 ? "round_robin" : "event",
      slotDuration: bp.minutes,
      slotInterval: bp.minutes === 45 ? 60 : bp.minutes,
      appoinmentPerSlot: bp.perSlot ?? 1,
      teamMembers: team.map((u) => u.id),
      openHours: structuredClone(openHours),
      isActive: true,
      dateAdded: now - 400 * DAY_MS,
    };
    sandbox.state.calendars.set(calendar.id, calendar);
    return calendar;
  });

  const total = 20 + random.int(41);
  let placed = 0;
  for (let attempt = 0; placed < total && attempt < total * 20; attempt++) {
    const calendar = random.pick(calendars);
    const day = now + (random.int(61) - 30) * DAY_MS;
    const starts = openSlotStarts(calendar, location.timezone, day, day + DAY_MS - 1);
    if (starts.length === 0) continue;
    const start = random.pick(starts);
    const end = start + slotLength(calendar);
    const options = { now, ignoreDateRange: true };
    if (!bookable(sandbox, calendar, location.timezone, start, end, options)) continue;
    const contact = random.pick(contacts);
    const past = start < now;
    const dateAdded = Math.min(start, now) - (1 + random.int(14)) * DAY_MS;
    const appointment: Appointment = {
      id: sandbox.ids.ghl(),
      locationId: location.id,
      calendarId: calendar.id,
      contactId: contact.id,
      title: [contact.firstName, contact.lastName].filter(Boolean).join(" ") || calendar.name,
      status: pickStatus(past, random.next()),
      assignedUserId: random.pick(calendar.teamMembers),
      address: `${location.address}, ${location.city}`,
      notes: random.chance(0.25) ? random.pick(NOTES) : null,
      description: null,
      meetingLocationType: "address",
      rrule: null,
      source: "booking_widget",
      startTime: start,
      endTime: end,
      dateAdded,
      dateUpdated: past ? Math.max(dateAdded, Math.min(end, now)) : dateAdded,
    };
    sandbox.state.appointments.set(appointment.id, appointment);
    placed++;
  }
};
