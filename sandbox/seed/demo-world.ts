/**
 * The sandbox's demo GoHighLevel world: two agencies (GHL companies) and their sub-accounts, with
 * fixed ids. Pure data, so the app's own demo seed can line up with it.
 */

export type DemoLocation = {
  id: string;
  name: string;
  timezone: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  address: string;
  phone: string;
  website: string;
  /** Business vertical: picks pipelines, calendars and tags that fit. */
  vertical: "dental" | "roofing" | "yoga" | "legal" | "realty" | "hvac" | "vet";
};

export type DemoUser = {
  firstName: string;
  lastName: string;
  email: string;
  type: "agency" | "account";
  role: "admin" | "user";
};

export type DemoCompany = {
  id: string;
  name: string;
  email: string;
  phone: string;
  website: string;
  users: DemoUser[];
  locations: DemoLocation[];
};

export const DEMO_COMPANIES: DemoCompany[] = [
  {
    id: "SmmtGrwthPrtnrs00001",
    name: "Summit Growth Partners",
    email: "hello@summit-growth.test",
    phone: "+15125550100",
    website: "https://summit-growth.test",
    users: [
      {
        firstName: "Olivia",
        lastName: "Owens",
        email: "owner@summit-growth.test",
        type: "agency",
        role: "admin",
      },
      {
        firstName: "Adam",
        lastName: "Alvarez",
        email: "admin@summit-growth.test",
        type: "agency",
        role: "admin",
      },
      {
        firstName: "Maya",
        lastName: "Morgan",
        email: "member@summit-growth.test",
        type: "agency",
        role: "user",
      },
    ],
    locations: [
      {
        id: "AustinDentalStudio01",
        name: "Austin Dental Studio",
        timezone: "America/Chicago",
        city: "Austin",
        state: "TX",
        country: "US",
        postalCode: "78701",
        address: "401 Congress Ave",
        phone: "+15125550111",
        website: "https://austin-dental.test",
        vertical: "dental",
      },
      {
        id: "BrightsideRoofing001",
        name: "Brightside Roofing",
        timezone: "America/Denver",
        city: "Denver",
        state: "CO",
        country: "US",
        postalCode: "80202",
        address: "1600 Glenarm Pl",
        phone: "+13035550122",
        website: "https://brightside-roofing.test",
        vertical: "roofing",
      },
      {
        id: "CoastalYogaCollectv1",
        name: "Coastal Yoga Collective",
        timezone: "America/Los_Angeles",
        city: "San Diego",
        state: "CA",
        country: "US",
        postalCode: "92101",
        address: "750 B St",
        phone: "+16195550133",
        website: "https://coastal-yoga.test",
        vertical: "yoga",
      },
      {
        id: "HarborLegalGroup0001",
        name: "Harbor Legal Group",
        timezone: "America/New_York",
        city: "Boston",
        state: "MA",
        country: "US",
        postalCode: "02110",
        address: "100 Federal St",
        phone: "+16175550144",
        website: "https://harbor-legal.test",
        vertical: "legal",
      },
      {
        id: "MapleLeafRealty00001",
        name: "Maple Leaf Realty",
        timezone: "America/Toronto",
        city: "Toronto",
        state: "ON",
        country: "CA",
        postalCode: "M5H 2N2",
        address: "100 King St W",
        phone: "+14165550155",
        website: "https://mapleleaf-realty.test",
        vertical: "realty",
      },
    ],
  },
  {
    id: "NrthwndMarketing0001",
    name: "Northwind Marketing",
    email: "hello@northwind.test",
    phone: "+16025550200",
    website: "https://northwind.test",
    users: [
      {
        firstName: "Noah",
        lastName: "Newman",
        email: "owner@northwind.test",
        type: "agency",
        role: "admin",
      },
    ],
    locations: [
      {
        id: "NorthwindHvacPhoenx1",
        name: "Northwind HVAC Phoenix",
        timezone: "America/Phoenix",
        city: "Phoenix",
        state: "AZ",
        country: "US",
        postalCode: "85004",
        address: "2 N Central Ave",
        phone: "+16025550211",
        website: "https://northwind-hvac.test",
        vertical: "hvac",
      },
      {
        id: "NorthwindPetClinic01",
        name: "Northwind Pet Clinic",
        timezone: "Europe/London",
        city: "London",
        state: "LND",
        country: "GB",
        postalCode: "EC2V 7HH",
        address: "1 Poultry",
        phone: "+442075550222",
        website: "https://northwind-pets.test",
        vertical: "vet",
      },
    ],
  },
];

/** Every scope GHL Hub asks for; the demo app may request any of them. */
export const DEMO_APP_SCOPES = [
  "contacts.readonly",
  "contacts.write",
  "opportunities.readonly",
  "opportunities.write",
  "calendars.readonly",
  "calendars.write",
  "calendars/events.readonly",
  "calendars/events.write",
  "conversations.readonly",
  "conversations.write",
  "conversations/message.readonly",
  "conversations/message.write",
  "campaigns.readonly",
  "workflows.readonly",
  "locations.readonly",
  "locations.write",
  "locations/customFields.readonly",
  "locations/customFields.write",
  "locations/customValues.readonly",
  "locations/customValues.write",
  "locations/tags.readonly",
  "locations/tags.write",
  "users.readonly",
  "users.write",
  "forms.readonly",
  "oauth.readonly",
  "oauth.write",
];

/** The marketplace app GHL Hub is registered as in the sandbox. Fixed so local config stays valid. */
export const DEMO_APP = {
  appId: "6650f2c1a7d4e3b2c1f0a9e8",
  versionId: "6650f2c1a7d4e3b2c1f0a9e9",
  clientId: "6650f2c1a7d4e3b2c1f0a9e8-sandbox1",
  clientSecret: "ghl-sandbox-client-secret-not-for-production",
  name: "GHL Hub",
  redirectUris: [3000, 3100, 3200, 3300].flatMap((port) => [
    `http://localhost:${port}/api/oauth/ghl/callback`,
    `http://127.0.0.1:${port}/api/oauth/ghl/callback`,
  ]),
};
