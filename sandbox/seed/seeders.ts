import type { Sandbox } from "../context";
import type { Contact, CustomField, Location, User } from "../store/types";
import type { DemoLocation } from "./demo-world";

export type SeedContext = {
  location: Location;
  demo: DemoLocation;
  contacts: Contact[];
  /** The company's users with access to this location. */
  users: User[];
  customFields: CustomField[];
  now: number;
};

/** Seeds one domain's data for one demo location. Domains register theirs in `DOMAIN_SEEDERS`. */
export type DomainSeeder = (sandbox: Sandbox, context: SeedContext) => void;

export const DOMAIN_SEEDERS: DomainSeeder[] = [];
