import type { Metadata } from "next";

import { AgencyContactSearch } from "~/components/contacts/agency-contact-search";

export const metadata: Metadata = { title: "Contacts" };

const ContactsPage = () => (
  <div className="space-y-6">
    <div>
      <h1 className="text-2xl font-semibold">Contacts</h1>
      <p className="mt-1 text-sm text-slate-600">
        Search every location you can open at once. Open a location to browse, filter and edit its
        contacts.
      </p>
    </div>
    <AgencyContactSearch />
  </div>
);

export default ContactsPage;
