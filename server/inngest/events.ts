import { eventType } from "inngest";
import { z } from "zod";

/** Refresh one GHL connection's token ahead of expiry (one event per connection). */
export const tokenRefreshRequested = eventType("ghl/token.refresh.requested", {
  schema: z.object({ connectionId: z.uuid() }),
});

/** One stored webhook to process (the inbox row is the truth; the event only carries its id). */
export const webhookReceived = eventType("ghl/webhook.received", {
  schema: z.object({ inboxId: z.uuid(), locationKey: z.string().min(1) }),
});

/** A processed GHL event under GHL Hub's name (`contact.created`…): what automations listen to. */
export const hubEventPublished = eventType("hub/event.published", {
  schema: z.object({
    inboxId: z.uuid(),
    type: z.string(),
    ghlType: z.string(),
    agencyId: z.uuid(),
    locationId: z.uuid().nullable(),
    ghlLocationId: z.string().nullable(),
    occurredAt: z.string(),
    data: z.record(z.string(), z.unknown()),
  }),
});

/** Sweep one location's contacts into the mirror (backfill or reconcile; the run decides which). */
export const contactsSweepRequested = eventType("ghl/contacts.sweep.requested", {
  schema: z.object({
    agencyId: z.uuid(),
    locationId: z.uuid(),
    trigger: z.enum(["schedule", "connect", "manual"]),
  }),
});

/** Write (or undo) one CSV import's rows at one location (one event per location). */
export const contactsImportRequested = eventType("hub/contacts.import.requested", {
  schema: z.object({ importId: z.uuid(), locationId: z.uuid(), mode: z.enum(["run", "undo"]) }),
});
