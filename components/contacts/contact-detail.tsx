"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import type { TContactDetail } from "~/server/domains/contacts/contacts.schemas";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { ContactCustomFieldsCard } from "./contact-custom-fields-card";
import { ContactFieldsCard } from "./contact-fields-card";
import { ContactNotesCard } from "./contact-notes-card";
import { ContactTagsCard } from "./contact-tags-card";
import { ContactTasksCard } from "./contact-tasks-card";
import { ContactTimeline } from "./contact-timeline";
import { DeleteContactButton } from "./delete-contact-button";
import { displayName, formatDateTime } from "./format";
import { MergeContactDialog } from "./merge-contact-dialog";

/** One contact: details (inline edit), tags, custom fields, notes, tasks and activity. */
export const ContactDetail = ({
  location,
  initial,
}: {
  location: { id: string; name: string };
  initial: TContactDetail;
}) => {
  const trpc = useTRPC();
  const input = { locationId: location.id, contactId: initial.contact.id };
  const detail = useQuery(trpc.contacts.get.queryOptions(input, { initialData: initial }));
  const { contact, fieldDefinitions, canAdmin } = detail.data;
  const name = displayName(contact);

  return (
    <div className="space-y-6">
      <div>
        <Link
          href={`/locations/${location.id}/contacts`}
          className="text-sm text-indigo-700 hover:underline"
        >
          ← Contacts · {location.name}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{name}</h1>
          {contact.dnd ? <Badge tone="red">Do not disturb</Badge> : null}
          {contact.type ? <Badge>{contact.type}</Badge> : null}
          {canAdmin ? (
            <div className="ml-auto flex gap-2">
              <MergeContactDialog locationId={location.id} contact={contact} />
              <DeleteContactButton locationId={location.id} contactId={contact.id} name={name} />
            </div>
          ) : null}
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {[contact.email, contact.phone].filter(Boolean).join(" · ") || "No email or phone"} ·
          updated in GoHighLevel {formatDateTime(contact.dateUpdated)}
        </p>
      </div>
      {detail.isError ? (
        <Alert>Could not refresh this contact: {detail.error.message}</Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <ContactFieldsCard locationId={location.id} contact={contact} />
          <ContactCustomFieldsCard
            locationId={location.id}
            contactId={contact.id}
            values={contact.customFields}
            definitions={fieldDefinitions}
          />
        </div>
        <div className="space-y-6">
          <ContactTagsCard locationId={location.id} contactId={contact.id} tags={contact.tags} />
          <ContactTasksCard locationId={location.id} contactId={contact.id} />
          <ContactNotesCard locationId={location.id} contactId={contact.id} />
        </div>
      </div>
      <ContactTimeline locationId={location.id} contactId={contact.id} />
    </div>
  );
};
