type DemoLocation = {
  ghlLocationId: string;
  name: string;
  timezone: string;
  city: string;
  country: string;
};

type DemoAgency = {
  ghlCompanyId: string;
  name: string;
  users: { email: string; name: string; role: "owner" | "admin" | "member" }[];
  locations: DemoLocation[];
  /** Per-location grants for members, by email and GHL location id. */
  access: { email: string; ghlLocationId: string; role: "admin" | "user" }[];
};

// GHL-shaped ids (20 alphanumerics) so the demo agency lines up with the GHL sandbox seed.
export const DEMO_AGENCIES: DemoAgency[] = [
  {
    ghlCompanyId: "SmmtGrwthPrtnrs00001",
    name: "Summit Growth Partners",
    users: [
      { email: "owner@summit-growth.test", name: "Olivia Owens", role: "owner" },
      { email: "admin@summit-growth.test", name: "Adam Alvarez", role: "admin" },
      { email: "member@summit-growth.test", name: "Maya Morgan", role: "member" },
    ],
    locations: [
      {
        ghlLocationId: "AustinDentalStudio01",
        name: "Austin Dental Studio",
        timezone: "America/Chicago",
        city: "Austin",
        country: "US",
      },
      {
        ghlLocationId: "BrightsideRoofing001",
        name: "Brightside Roofing",
        timezone: "America/Denver",
        city: "Denver",
        country: "US",
      },
      {
        ghlLocationId: "CoastalYogaCollectv1",
        name: "Coastal Yoga Collective",
        timezone: "America/Los_Angeles",
        city: "San Diego",
        country: "US",
      },
      {
        ghlLocationId: "HarborLegalGroup0001",
        name: "Harbor Legal Group",
        timezone: "America/New_York",
        city: "Boston",
        country: "US",
      },
      {
        ghlLocationId: "MapleLeafRealty00001",
        name: "Maple Leaf Realty",
        timezone: "America/Toronto",
        city: "Toronto",
        country: "CA",
      },
    ],
    access: [
      { email: "member@summit-growth.test", ghlLocationId: "AustinDentalStudio01", role: "user" },
      { email: "member@summit-growth.test", ghlLocationId: "CoastalYogaCollectv1", role: "admin" },
    ],
  },
  {
    ghlCompanyId: "NrthwndMarketing0001",
    name: "Northwind Marketing",
    users: [{ email: "owner@northwind.test", name: "Noah Newman", role: "owner" }],
    locations: [
      {
        ghlLocationId: "NorthwindHvacPhoenx1",
        name: "Northwind HVAC Phoenix",
        timezone: "America/Phoenix",
        city: "Phoenix",
        country: "US",
      },
      {
        ghlLocationId: "NorthwindPetClinic01",
        name: "Northwind Pet Clinic",
        timezone: "Europe/London",
        city: "London",
        country: "GB",
      },
    ],
    access: [],
  },
];

export const DEMO_LOGINS = DEMO_AGENCIES.flatMap((agency) =>
  agency.users.map((user) => ({ ...user, agency: agency.name })),
);
