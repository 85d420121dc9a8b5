import type { Sandbox } from "../context";
import type { Contact, Form, Location } from "../store/types";
import type { DemoLocation } from "./demo-world";
import type { DomainSeeder } from "./seeders";

const DAY_MS = 24 * 60 * 60 * 1000;

type Catalog = { forms: string[]; campaigns: string[]; workflows: string[] };

/** What each kind of business builds in GHL; generic items are added to these. */
const VERTICALS: Record<DemoLocation["vertical"], Catalog> = {
  dental: {
    forms: ["New Patient Intake", "Whitening Consultation Request"],
    campaigns: ["Six-Month Cleaning Reminder", "Invisalign Nurture"],
    workflows: ["New Patient Welcome", "Cleaning Recall", "Insurance Verification Follow-up"],
  },
  roofing: {
    forms: ["Free Roof Inspection", "Storm Damage Report"],
    campaigns: ["Storm Season Outreach", "Estimate Follow-up"],
    workflows: ["Inspection Booked", "Insurance Claim Assist", "Estimate Sent Follow-up"],
  },
  yoga: {
    forms: ["Free Trial Class Signup", "Workshop Registration"],
    campaigns: ["Intro Month Offer", "Lapsed Member Win-back"],
    workflows: ["Trial Class Welcome", "Class Pack Expiring", "Membership Renewal"],
  },
  legal: {
    forms: ["Case Evaluation Request", "Estate Planning Questionnaire"],
    campaigns: ["Consultation No-show Recovery", "Estate Planning Seminar"],
    workflows: ["Conflict Check", "Retainer Signed Onboarding", "Consultation Reminder"],
  },
  realty: {
    forms: ["Home Valuation Request", "Buyer Pre-qualification"],
    campaigns: ["New Listings Digest", "Open House Invite"],
    workflows: ["Buyer Lead Nurture", "Seller Lead Nurture", "Open House Follow-up"],
  },
  hvac: {
    forms: ["Service Request", "Maintenance Plan Signup"],
    campaigns: ["Spring AC Tune-up", "Furnace Check Season"],
    workflows: ["Emergency Call Triage", "Maintenance Plan Renewal", "Quote Sent Follow-up"],
  },
  vet: {
    forms: ["New Client Registration", "Boarding Reservation"],
    campaigns: ["Vaccination Reminders", "Dental Month Promo"],
    workflows: ["New Client Welcome", "Vaccination Due", "Post-surgery Check-in"],
  },
};

const GENERIC: Catalog = {
  forms: ["Contact Us", "Newsletter Signup"],
  campaigns: ["Monthly Newsletter", "Review Request Blast", "Holiday Greetings", "Referral Drive"],
  workflows: [
    "Missed Call Text Back",
    "Review Request",
    "New Lead Nurture",
    "Birthday Greeting",
    "Appointment Reminder",
  ],
};

const EXTRA_TAGS = ["website lead", "review requested", "reactivation", "referral partner"];

const MESSAGES = [
  "Please call me back in the afternoon.",
  "What are your prices?",
  "Do you have anything available this week?",
  "Found you on Google.",
  "",
];

/** `count` distinct items of `items`, in a seeded order. */
const sample = <T>(sandbox: Sandbox, items: readonly T[], count: number) => {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(...pool.splice(sandbox.random.int(pool.length), 1));
  return out;
};

/** `count` names: the business's own first, topped up with generic ones. */
const names = (sandbox: Sandbox, own: string[], generic: string[], count: number) => [
  ...sample(sandbox, own, count),
  ...sample(sandbox, generic, count - own.length),
];

const between = (sandbox: Sandbox, min: number, max: number) =>
  min + sandbox.random.int(max - min + 1);

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

const seedTags = (sandbox: Sandbox, location: Location, contacts: Contact[]) => {
  const used = [...new Set(contacts.flatMap((c) => c.tags))].sort();
  const target = Math.min(Math.max(between(sandbox, 8, 15), used.length), 15);
  const extra = sample(
    sandbox,
    EXTRA_TAGS.filter((t) => !used.includes(t)),
    Math.max(target - used.length, 0),
  );
  for (const name of [...used.slice(0, 15), ...extra]) {
    const tag = { id: sandbox.ids.ghl(), locationId: location.id, name };
    sandbox.state.locationTags.set(tag.id, tag);
  }
};

const seedCustomValues = (sandbox: Sandbox, location: Location) => {
  const host = new URL(location.website || "https://example.test").hostname;
  const values: [string, string, string][] = [
    ["Business Hours", "business_hours", "Mon-Fri 8am-6pm, Sat 9am-1pm"],
    ["Booking Link", "booking_link", `https://${host}/book`],
    ["Review Link", "review_link", `https://g.page/r/${slug(location.name)}/review`],
    ["Office Phone", "office_phone", location.phone],
    ["Current Promo", "current_promo", "10% off your first visit"],
    ["Owner Name", "owner_name", "Jordan Reyes"],
  ];
  for (const [name, key, value] of values.slice(0, between(sandbox, 3, 6))) {
    const customValue = {
      id: sandbox.ids.ghl(),
      locationId: location.id,
      name,
      fieldKey: `{{ custom_values.${key} }}`,
      value,
    };
    sandbox.state.customValues.set(customValue.id, customValue);
  }
};

const seedSubmissions = (
  sandbox: Sandbox,
  location: Location,
  form: Form,
  contacts: Contact[],
  now: number,
) => {
  const host = new URL(location.website || "https://example.test").hostname;
  for (let i = between(sandbox, 10, 40); i > 0 && contacts.length > 0; i--) {
    const contact = sandbox.random.pick(contacts);
    const earliest = Math.max(contact.dateAdded, now - 60 * DAY_MS);
    const createdAt = earliest + sandbox.random.int(Math.max(now - earliest, 1));
    const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
    const submission = {
      id: sandbox.ids.uuid(),
      locationId: location.id,
      formId: form.id,
      contactId: contact.id,
      name,
      email: contact.email ?? "",
      createdAt,
      others: {
        full_name: name,
        email: contact.email ?? "",
        ...(contact.phone ? { phone: contact.phone } : {}),
        message: sandbox.random.pick(MESSAGES),
        fieldsOriSequance: ["full_name", "email", "phone", "message"],
        eventData: {
          type: "page-visit",
          source: sandbox.random.pick(["Direct traffic", "Organic Search", "Paid Social"]),
          medium: "form",
          mediumId: form.id,
          parentId: form.id,
          parentName: form.name,
          domain: host,
          page: { url: `https://${host}/${slug(form.name)}`, title: form.name },
          pageVisitType: "form",
          version: "v3",
          timestamp: createdAt,
        },
      },
    };
    sandbox.state.formSubmissions.set(submission.id, submission);
  }
};

const seedForms = (
  sandbox: Sandbox,
  location: Location,
  catalog: Catalog,
  contacts: Contact[],
  now: number,
) => {
  const count = between(sandbox, 2, 4);
  for (const name of names(sandbox, catalog.forms, GENERIC.forms, count)) {
    const form = { id: sandbox.ids.ghl(), locationId: location.id, name };
    sandbox.state.forms.set(form.id, form);
    seedSubmissions(sandbox, location, form, contacts, now);
  }
};

const seedAutomations = (sandbox: Sandbox, location: Location, catalog: Catalog, now: number) => {
  const campaigns = names(sandbox, catalog.campaigns, GENERIC.campaigns, between(sandbox, 3, 6));
  campaigns.forEach((name, index) => {
    const status = index === 0 || sandbox.random.chance(0.6) ? "published" : "draft";
    const campaign = { id: sandbox.ids.ghl(), locationId: location.id, name, status } as const;
    sandbox.state.campaigns.set(campaign.id, campaign);
  });
  const workflows = names(sandbox, catalog.workflows, GENERIC.workflows, between(sandbox, 4, 8));
  workflows.forEach((name, index) => {
    const createdAt = now - between(sandbox, 30, 600) * DAY_MS;
    const workflow = {
      id: sandbox.ids.uuid(),
      locationId: location.id,
      name,
      status:
        index === 0 || sandbox.random.chance(0.7) ? ("published" as const) : ("draft" as const),
      version: between(sandbox, 1, 12),
      createdAt,
      updatedAt: createdAt + sandbox.random.int(now - createdAt),
    };
    sandbox.state.workflows.set(workflow.id, workflow);
  });
};

/** Tags, custom values, forms with submissions, campaigns and workflows that fit the business. */
export const seedLocations: DomainSeeder = (sandbox, { location, demo, contacts, now }) => {
  const catalog = VERTICALS[demo.vertical];
  seedTags(sandbox, location, contacts);
  seedCustomValues(sandbox, location);
  seedForms(sandbox, location, catalog, contacts, now);
  seedAutomations(sandbox, location, catalog, now);
};
