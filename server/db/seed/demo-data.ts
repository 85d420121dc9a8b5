import { DEMO_COMPANIES } from "~/sandbox/seed/demo-world";

type DemoAgency = {
  ghlCompanyId: string;
  name: string;
  users: { email: string; name: string; role: "owner" | "admin" | "member" }[];
  locations: {
    ghlLocationId: string;
    name: string;
    timezone: string;
    city: string;
    country: string;
  }[];
  /** Per-location grants for members, by email and GHL location id. */
  access: { email: string; ghlLocationId: string; role: "admin" | "user" }[];
};

/** GHL Hub's own roles for the demo people; the companies and locations are the GHL sandbox's. */
const ROLES: Record<string, DemoAgency["users"][number]["role"]> = {
  "owner@summit-growth.test": "owner",
  "admin@summit-growth.test": "admin",
  "member@summit-growth.test": "member",
  "owner@northwind.test": "owner",
};

const ACCESS: DemoAgency["access"] = [
  { email: "member@summit-growth.test", ghlLocationId: "AustinDentalStudio01", role: "user" },
  { email: "member@summit-growth.test", ghlLocationId: "CoastalYogaCollectv1", role: "admin" },
];

export const DEMO_AGENCIES: DemoAgency[] = DEMO_COMPANIES.map((company) => ({
  ghlCompanyId: company.id,
  name: company.name,
  users: company.users.map((u) => ({
    email: u.email,
    name: `${u.firstName} ${u.lastName}`,
    role: ROLES[u.email] ?? "member",
  })),
  locations: company.locations.map((l) => ({
    ghlLocationId: l.id,
    name: l.name,
    timezone: l.timezone,
    city: l.city,
    country: l.country,
  })),
  access: ACCESS.filter((a) => company.users.some((u) => u.email === a.email)),
}));

export const DEMO_LOGINS = DEMO_AGENCIES.flatMap((agency) =>
  agency.users.map((user) => ({ ...user, agency: agency.name })),
);
