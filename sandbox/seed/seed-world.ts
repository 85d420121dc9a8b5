import type { Sandbox } from "../context";
import type { Location, User } from "../store/types";
import { seedContacts } from "./contacts";
import { seedCustomFields } from "./custom-fields";
import { DEMO_APP, DEMO_APP_SCOPES, DEMO_COMPANIES } from "./demo-world";
import { DOMAIN_SEEDERS } from "./seeders";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Registers the GHL Hub marketplace app. */
export const seedApp = (sandbox: Sandbox, webhookUrl: string | null) => {
  sandbox.state.apps.set(DEMO_APP.clientId, {
    ...DEMO_APP,
    scopes: [...DEMO_APP_SCOPES],
    redirectUris: [...DEMO_APP.redirectUris],
    webhookUrl,
  });
};

/** The demo agencies with their sub-accounts, users and a few hundred contacts each, with CRM data around them. */
export const seedDemoWorld = (sandbox: Sandbox) => {
  const now = sandbox.clock.now();
  for (const demo of DEMO_COMPANIES) {
    sandbox.state.companies.set(demo.id, {
      id: demo.id,
      name: demo.name,
      email: demo.email,
      phone: demo.phone,
      website: demo.website,
      dateAdded: now - 900 * DAY_MS,
    });
    const locations: Location[] = demo.locations.map((l) => ({
      id: l.id,
      companyId: demo.id,
      name: l.name,
      email: `office@${new URL(l.website).hostname}`,
      phone: l.phone,
      address: l.address,
      city: l.city,
      state: l.state,
      country: l.country,
      postalCode: l.postalCode,
      website: l.website,
      timezone: l.timezone,
      settings: {
        allowDuplicateContact: false,
        allowDuplicateOpportunity: true,
        allowFacebookNameMerge: false,
        disableContactTimezone: false,
      },
      active: true,
      dateAdded: now - 700 * DAY_MS,
    }));
    for (const location of locations) sandbox.state.locations.set(location.id, location);
    const users: User[] = demo.users.map((u) => ({
      id: sandbox.ids.ghl(),
      companyId: demo.id,
      ...u,
      phone: "",
      locationIds: locations.map((l) => l.id),
      deleted: false,
      dateAdded: now - 600 * DAY_MS,
    }));
    for (const user of users) sandbox.state.users.set(user.id, user);

    demo.locations.forEach((demoLocation, index) => {
      const location = locations[index]!;
      const customFields = seedCustomFields(sandbox, location.id);
      const contacts = seedContacts(
        sandbox,
        {
          locationId: location.id,
          country: location.country,
          vertical: demoLocation.vertical,
          fields: customFields.filter((f) => f.model === "contact"),
          users: users.map((u) => u.id),
        },
        250 + sandbox.random.int(250),
        now,
      );
      for (const seeder of DOMAIN_SEEDERS)
        seeder(sandbox, { location, demo: demoLocation, contacts, users, customFields, now });
    });
  }
};
