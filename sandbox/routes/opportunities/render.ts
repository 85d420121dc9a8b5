import type { Sandbox } from "../../context";
import { iso } from "../../core/access";
import type { Opportunity, Pipeline } from "../../store/types";
import type { LostReason } from "./lost-reasons";

/** Drops null fields: GHL omits what an opportunity does not have. */
const compact = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;

export type Extras = { notes?: boolean; tasks?: boolean; calendarEvents?: boolean };

const embeddedContact = (sandbox: Sandbox, contactId: string) => {
  const c = sandbox.state.contacts.get(contactId);
  if (!c) return undefined;
  return compact({
    id: c.id,
    name: [c.firstName, c.lastName].filter(Boolean).join(" ") || null,
    companyName: c.companyName,
    email: c.email,
    phone: c.phone,
    tags: c.tags,
  });
};

/** What search asks for with getNotes / getTasks / getCalendarEvents: the contact's records. */
const related = (sandbox: Sandbox, o: Opportunity, extras: Extras) => {
  const { notes, tasks, appointments } = sandbox.state;
  const of = <T extends { contactId: string }>(map: Map<string, T>) =>
    [...map.values()].filter((item) => item.contactId === o.contactId);
  return {
    notes: extras.notes
      ? of(notes).map((n) => ({ id: n.id, body: n.body, dateAdded: iso(n.dateAdded) }))
      : undefined,
    tasks: extras.tasks
      ? of(tasks).map((t) => ({
          id: t.id,
          title: t.title,
          dueDate: t.dueDate,
          completed: t.completed,
        }))
      : undefined,
    calendarEvents: extras.calendarEvents
      ? of(appointments).map((a) => ({
          id: a.id,
          calendarId: a.calendarId,
          title: a.title,
          appointmentStatus: a.status,
          startTime: iso(a.startTime),
          endTime: iso(a.endTime),
        }))
      : undefined,
  };
};

/** The opportunity object (REFERENCE §5.3); custom fields read back as `{id, fieldValue}`. */
export const renderOpportunity = (sandbox: Sandbox, o: Opportunity, extras: Extras = {}) =>
  compact({
    id: o.id,
    name: o.name,
    monetaryValue: o.monetaryValue,
    pipelineId: o.pipelineId,
    pipelineStageId: o.pipelineStageId,
    assignedTo: o.assignedTo,
    status: o.status,
    source: o.source,
    lastStatusChangeAt: iso(o.lastStatusChangeAt),
    lastStageChangeAt: iso(o.lastStageChangeAt),
    lastActionDate: iso(o.updatedAt),
    indexVersion: String(o.updatedAt),
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    contactId: o.contactId,
    locationId: o.locationId,
    contact: embeddedContact(sandbox, o.contactId),
    ...related(sandbox, o, extras),
    lostReasonId: o.lostReasonId,
    customFields: o.customFields,
    followers: o.followers,
  });

/** Payload of every Opportunity* webhook: the same flat snapshot (REFERENCE §4.4, samples). */
export const opportunityEventData = (o: Opportunity) =>
  compact({
    id: o.id,
    assignedTo: o.assignedTo,
    contactId: o.contactId,
    monetaryValue: o.monetaryValue,
    name: o.name,
    pipelineId: o.pipelineId,
    pipelineStageId: o.pipelineStageId,
    source: o.source,
    status: o.status,
    dateAdded: iso(o.createdAt),
  });

export const renderPipeline = (p: Pipeline) => ({
  id: p.id,
  name: p.name,
  stages: [...p.stages]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({
      id: s.id,
      name: s.name,
      position: s.position,
      showInFunnel: true,
      showInPieChart: true,
    })),
  showInFunnel: true,
  showInPieChart: true,
  locationId: p.locationId,
});

export const renderLostReason = (r: LostReason) => ({
  id: r.id,
  name: r.name,
  locationId: r.locationId,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});
