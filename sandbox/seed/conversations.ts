import { addMessage, createConversation } from "../routes/conversations/service";
import type { Contact, MessageChannel } from "../store/types";
import type { DomainSeeder } from "./seeders";

const HOUR_MS = 60 * 60 * 1000;

type Lines = { out: string[]; in: string[]; subjects: string[] };

/** What each kind of business and its clients write to each other; {first} is the contact. */
const LINES: Record<string, Lines> = {
  dental: {
    out: [
      "Hi {first}, this is {business}. Just a reminder: your cleaning is due this month.",
      "Hi {first}, we have an opening Thursday at 2:30pm. Want it?",
      "Your appointment is confirmed. Reply C to confirm or R to reschedule.",
      "Thanks for visiting {business}! How was your experience today?",
    ],
    in: [
      "Thursday works, thank you!",
      "C",
      "Do you take Delta Dental?",
      "Can I move my appointment to next week?",
      "My tooth has been sensitive since the filling, is that normal?",
    ],
    subjects: ["Your next cleaning", "Insurance question", "Appointment confirmation"],
  },
  roofing: {
    out: [
      "Hi {first}, this is {business}. We can inspect your roof Tuesday morning.",
      "Your estimate is ready. Want me to walk you through it?",
      "Crew arrives at 7am tomorrow, weather permitting.",
      "Hi {first}, did your insurance adjuster come out yet?",
    ],
    in: [
      "Tuesday morning is fine.",
      "We had hail last night, can someone come look?",
      "The adjuster is coming Friday.",
      "How long will the replacement take?",
      "Got the estimate, a bit higher than expected.",
    ],
    subjects: ["Your roof inspection", "Estimate attached", "Insurance claim next steps"],
  },
  yoga: {
    out: [
      "Hi {first}! Your trial class at {business} is Saturday at 9am.",
      "Namaste {first}, we miss you on the mat. 20% off a class pack this week.",
      "Reminder: bring water and a towel for hot flow.",
      "How did you like your first class?",
    ],
    in: [
      "See you Saturday!",
      "Loved it, how much is the monthly membership?",
      "Can I bring a friend?",
      "I need to cancel tonight, sorry.",
      "Is there parking nearby?",
    ],
    subjects: ["Welcome to the studio", "Your class pack", "Weekend workshop"],
  },
  legal: {
    out: [
      "Hello {first}, this is {business}. Your consultation is confirmed for Monday at 10am.",
      "Please send the documents we discussed when you can.",
      "We filed the motion today. I will update you when we hear back.",
      "Hi {first}, following up on the retainer agreement.",
    ],
    in: [
      "Thank you, I will be there.",
      "I scanned the documents, where should I send them?",
      "Any update on my case?",
      "Can we reschedule the call to Wednesday?",
      "I signed the retainer.",
    ],
    subjects: ["Your consultation", "Documents needed", "Case update"],
  },
  realty: {
    out: [
      "Hi {first}, this is {business}. New listing just hit that matches your search.",
      "Open house Sunday 1-4pm. Want me to save you a spot?",
      "The sellers accepted your offer!",
      "Hi {first}, are you still looking in the same neighborhoods?",
    ],
    in: [
      "Yes! Can we see it this weekend?",
      "What are the HOA fees?",
      "We are still looking, maybe a bit bigger.",
      "Amazing news, thank you!",
      "Is the price negotiable?",
    ],
    subjects: ["New listings for you", "Open house this Sunday", "Offer update"],
  },
  hvac: {
    out: [
      "Hi {first}, this is {business}. Time for your seasonal AC tune-up.",
      "Your technician is on the way, ETA 30 minutes.",
      "Thanks for choosing us! Your invoice is attached.",
      "Hi {first}, the replacement part has arrived. When can we install it?",
    ],
    in: [
      "AC is blowing warm air again.",
      "Tomorrow afternoon works.",
      "How much is the maintenance plan?",
      "Thanks, it is cooling great now.",
      "Can you come today? It is 95 inside.",
    ],
    subjects: ["Seasonal tune-up", "Your invoice", "Maintenance plan"],
  },
  vet: {
    out: [
      "Hi {first}, this is {business}. Your pet is due for vaccines.",
      "Your pet is ready for pickup!",
      "Reminder: no food after midnight before surgery.",
      "How is everyone doing after yesterday's visit?",
    ],
    in: [
      "Doing much better, thank you!",
      "Can we book the vaccines for Saturday?",
      "She is not eating much since the visit.",
      "On my way to pick him up.",
      "Do you board cats over the holidays?",
    ],
    subjects: ["Vaccines due", "Visit summary", "Surgery preparation"],
  },
};

const channelsOf = (contact: Contact): MessageChannel[] => [
  ...(contact.phone ? (["SMS"] as const) : []),
  ...(contact.email ? (["Email"] as const) : []),
];

/** Threads for ~30% of contacts: 1–8 SMS and email messages, some replies still unread. */
export const seedConversations: DomainSeeder = (sandbox, { location, demo, contacts, now }) => {
  const { random } = sandbox;
  const lines = LINES[demo.vertical] ?? LINES.dental!;
  const fill = (text: string, contact: Contact) =>
    text
      .replaceAll("{first}", contact.firstName ?? "there")
      .replaceAll("{business}", location.name);
  for (const contact of contacts) {
    const channels = channelsOf(contact);
    if (channels.length === 0 || !random.chance(0.3)) continue;
    const count = 1 + random.int(8);
    let at = Math.min(
      Math.max(contact.dateAdded, now - 90 * 24 * HOUR_MS) + random.int(48 * HOUR_MS),
      now - HOUR_MS,
    );
    const conversation = createConversation(sandbox, contact, at);
    let direction: "inbound" | "outbound" = random.chance(0.6) ? "outbound" : "inbound";
    let trailingInbound = 0;
    for (let i = 0; i < count && at < now; i++) {
      const channel = random.pick(channels);
      const outbound = direction === "outbound";
      const business = `${location.name} <${location.email}>`;
      addMessage(
        sandbox,
        contact,
        {
          channel,
          direction,
          body: fill(random.pick(outbound ? lines.out : lines.in), contact),
          dateAdded: at,
          status: outbound && random.chance(0.04) ? "failed" : "delivered",
          source: random.pick(["app", "app", "workflow", "campaign"] as const),
          ...(channel === "Email"
            ? {
                subject: random.pick(lines.subjects),
                emailFrom: outbound ? business : contact.email,
                emailTo: [(outbound ? contact.email : location.email) ?? ""],
              }
            : {}),
        },
        conversation,
      );
      trailingInbound = outbound ? 0 : trailingInbound + 1;
      at += 5 * 60 * 1000 + random.int(30 * HOUR_MS);
      direction = random.chance(0.7) ? (outbound ? "inbound" : "outbound") : direction;
    }
    conversation.unreadCount = random.chance(0.6) ? trailingInbound : 0;
    conversation.starred = random.chance(0.05);
  }
};
