import type { Metadata } from "next";
import { cache } from "react";

import { ContactDetail } from "~/components/contacts/contact-detail";
import { displayName } from "~/components/contacts/format";
import { pageData } from "~/server/trpc/rsc-errors";
import { caller } from "~/server/trpc/rsc";

import { getLocation } from "../../get-location";

type Props = { params: Promise<{ locationId: string; contactId: string }> };

/** One access check per request; another tenant's or a deleted contact is a 404. */
const getContact = cache((locationId: string, contactId: string) =>
  pageData(caller.contacts.get({ locationId, contactId })),
);

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { locationId, contactId } = await params;
  const detail = await getContact(locationId, contactId).catch(() => null);
  return { title: detail ? displayName(detail.contact) : "Contact" };
};

const ContactPage = async ({ params }: Props) => {
  const { locationId, contactId } = await params;
  const [location, detail] = await Promise.all([
    getLocation(locationId),
    getContact(locationId, contactId),
  ]);
  return <ContactDetail location={{ id: location.id, name: location.name }} initial={detail} />;
};

export default ContactPage;
