/** Each domain's demo seeder, in the order they run (later ones may use earlier data). */
import { seedCalendars } from "./calendars";
import { seedConversations } from "./conversations";
import { seedLocations } from "./locations";
import { seedOpportunities } from "./opportunities";
import { DOMAIN_SEEDERS } from "./seeders";

DOMAIN_SEEDERS.push(seedLocations, seedOpportunities, seedCalendars, seedConversations);
