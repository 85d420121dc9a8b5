import { lostReasonsOf } from "../routes/opportunities/lost-reasons";
import type { Opportunity, OpportunityStatus, Pipeline } from "../store/types";
import type { DemoLocation } from "./demo-world";
import { SOURCES } from "./names";
import type { DomainSeeder } from "./seeders";

const DAY_MS = 24 * 60 * 60 * 1000;

type VerticalPlan = {
  /** Pipeline name → its stages in order, `|`-separated. */
  pipelines: Record<string, string>;
  /** What deals are for, with a typical price range in the location's currency. */
  services: Record<string, [number, number]>;
};

const PLANS: Record<DemoLocation["vertical"], VerticalPlan> = {
  dental: {
    pipelines: {
      "New Patient Journey":
        "New Lead|Contacted|Consult Booked|Treatment Presented|Treatment Accepted",
      "Invisalign Cases": "Inquiry|Scan Scheduled|Aligners Ordered|In Treatment",
    },
    services: {
      "Cleaning & Exam": [150, 400],
      Invisalign: [3500, 6500],
      Whitening: [300, 800],
      Implant: [2500, 5000],
      Crown: [900, 1800],
    },
  },
  roofing: {
    pipelines: {
      "Roof Replacement":
        "New Lead|Inspection Scheduled|Estimate Sent|Contract Signed|Job Scheduled|Completed",
      "Insurance Claims": "Claim Filed|Adjuster Meeting|Approved|Supplement Sent",
    },
    services: {
      "Roof Replacement": [9000, 28000],
      "Storm Repair": [1500, 9000],
      "Gutter Install": [800, 3000],
      "Leak Repair": [300, 1500],
    },
  },
  yoga: {
    pipelines: {
      "Membership Sales": "Trial Booked|Trial Attended|Offer Made|Member",
      "Workshops & Retreats": "Interested|Deposit Paid|Registered",
    },
    services: {
      "Monthly Unlimited": [129, 189],
      "10-Class Pack": [150, 220],
      "Weekend Retreat": [450, 1200],
      "Teacher Training": [1800, 3200],
    },
  },
  legal: {
    pipelines: {
      "Client Intake": "New Inquiry|Conflict Check|Consultation Scheduled|Retainer Sent|Retained",
      "Estate Planning": "Questionnaire Sent|Drafting|Signing Scheduled",
    },
    services: {
      "Personal Injury": [10000, 45000],
      "Estate Plan": [1500, 4500],
      "Business Formation": [1200, 3500],
      Divorce: [5000, 20000],
    },
  },
  realty: {
    pipelines: {
      Buyers: "New Lead|Pre-Approval|Showing|Offer Submitted|Under Contract|Closed",
      Sellers: "Listing Appointment|Listed|Offer Received|Under Contract|Sold",
    },
    services: {
      "Condo Purchase": [8000, 16000],
      "Home Purchase": [12000, 30000],
      "Home Sale": [15000, 45000],
      "Investment Property": [10000, 35000],
    },
  },
  hvac: {
    pipelines: {
      "Service & Install": "New Request|Diagnostic Scheduled|Quote Sent|Job Booked|Completed",
      "Maintenance Plans": "Prospect|Offer Sent|Enrolled",
    },
    services: {
      "AC Repair": [150, 1200],
      "Furnace Install": [3500, 8000],
      "Heat Pump": [5000, 14000],
      "Tune-Up Plan": [89, 249],
    },
  },
  vet: {
    pipelines: {
      "New Client Onboarding":
        "Inquiry|First Visit Booked|Visit Completed|Wellness Plan Offered|Enrolled",
    },
    services: {
      "Wellness Plan": [300, 700],
      "Dental Cleaning": [400, 900],
      "Spay/Neuter": [250, 600],
      Surgery: [1200, 3500],
    },
  },
};

const pickStatus = (roll: number): OpportunityStatus =>
  roll < 0.62 ? "open" : roll < 0.82 ? "won" : roll < 0.94 ? "lost" : "abandoned";

/** Round to what a price list looks like: tens for small deals, hundreds for large. */
const price = (min: number, max: number, roll: number) => {
  const raw = min + (max - min) * roll * roll;
  const step = raw < 1000 ? 10 : 100;
  return Math.max(min, Math.round(raw / step) * step);
};

/** 1–2 pipelines fitting the vertical and 40–120 opportunities over their stages and statuses. */
export const seedOpportunities: DomainSeeder = (
  sandbox,
  { location, demo, contacts, users, customFields, now },
) => {
  const { random, ids, state } = sandbox;
  const plan = PLANS[demo.vertical];
  const pipelines: Pipeline[] = Object.entries(plan.pipelines).map(([name, stages]) => ({
    id: ids.ghl(),
    locationId: location.id,
    name,
    stages: stages.split("|").map((stage, position) => ({ id: ids.uuid(), name: stage, position })),
  }));
  for (const pipeline of pipelines) state.pipelines.set(pipeline.id, pipeline);
  if (contacts.length === 0) return;

  const lostReasons = lostReasonsOf(location);
  const closeField = customFields.find((f) => f.model === "opportunity" && f.dataType === "DATE");
  const pool = [...contacts];
  const count = Math.min(pool.length, 40 + random.int(81));
  for (let n = 0; n < count; n++) {
    const contact = pool.splice(random.int(pool.length), 1)[0]!;
    const pipeline = random.chance(0.75) ? pipelines[0]! : random.pick(pipelines);
    const status = pickStatus(random.next());
    const last = pipeline.stages.length - 1;
    // Won deals sit in the final stage; the rest thin out towards it.
    const stageIndex = status === "won" ? last : Math.min(random.int(last), random.int(last));
    const createdAt = Math.min(
      now,
      contact.dateAdded + random.int(30) * DAY_MS + random.int(DAY_MS),
    );
    const stageAt = Math.min(now, createdAt + random.int(20) * DAY_MS);
    const closedAt =
      status === "open" ? createdAt : Math.min(now, stageAt + random.int(10) * DAY_MS);
    const [service, [min, max]] = random.pick(Object.entries(plan.services));
    const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
    const opportunity: Opportunity = {
      id: ids.ghl(),
      locationId: location.id,
      name: `${name} - ${service}`,
      pipelineId: pipeline.id,
      pipelineStageId: pipeline.stages[stageIndex]!.id,
      status,
      monetaryValue: price(min, max, random.next()),
      contactId: contact.id,
      assignedTo: users.length > 0 && random.chance(0.7) ? random.pick(users).id : null,
      source: contact.source ?? random.pick(SOURCES),
      lostReasonId: status === "lost" ? random.pick(lostReasons).id : null,
      customFields:
        closeField && status === "open" && random.chance(0.5)
          ? [
              {
                id: closeField.id,
                fieldValue: new Date(now + random.int(90) * DAY_MS).toISOString().slice(0, 10),
              },
            ]
          : [],
      followers: [],
      lastStatusChangeAt: closedAt,
      lastStageChangeAt: stageAt,
      createdAt,
      updatedAt: Math.max(stageAt, closedAt),
    };
    state.opportunities.set(opportunity.id, opportunity);
  }
};
