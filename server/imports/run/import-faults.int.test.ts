import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CATALOG, runOperation } from "../../ghl/catalog";
import { GhlError } from "../../ghl/errors";
import type { GhlHttp } from "../../ghl/http";
import { toMirrorContact } from "../../sync/contacts/contact-record";
import { upsertMirrorContacts } from "../../sync/contacts/upsert-contacts";
import { type ImportBed, startImportBed } from "../../testing/import-bed";

const AUSTIN = "AustinDentalStudio01";
let bed: ImportBed;

beforeAll(async () => {
  bed = await startImportBed({ ghlLocationIds: [AUSTIN] });
});
afterAll(() => bed?.close());

/** Lets a share of POSTs reach GHL and then loses the answer: the case a blind resend duplicates. */
const losingAnswers = (http: GhlHttp, share: number, seed = 1): GhlHttp => {
  let state = seed;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return {
    request: async (call) => {
      const answer = await http.request(call);
      if (call.method === "POST" && random() < share)
        throw new GhlError("GHL-007", { kind: "timeout", method: call.method });
      return answer;
    },
  };
};

const RUN = {
  concurrency: 16,
  backoffBaseMs: 50,
  backoffMaxMs: 1_000,
  maxTries: 12,
  leaseMs: 5_000,
};

const header = "First Name,Last Name,Email,Phone,Tags\n";
const MAPPING = {
  "0": "firstName",
  "1": "lastName",
  "2": "email",
  "3": "phone",
  "4": "tags",
} as const;

/** 2,000 rows: updates of known contacts, phone-only, name-only, invalid, and new contacts. */
const buildCsv = (prefix: string) => {
  const lines: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    if (i < 100) lines.push(`Known,${i},${prefix}-known-${i}@import.test,,csv-tag`);
    else if (i < 130) lines.push(`Phone,${i},,+1512555${String(i).padStart(4, "0")},`);
    else if (i < 140) lines.push(`Solo${prefix}${i},Nomail,,,`);
    else if (i < 150) lines.push(`Bad,${i},not-an-email-${i},,`);
    else lines.push(`New,${i},${prefix}-new-${i}@import.test,,"imported,batch"`);
  }
  return header + lines.join("\n") + "\n";
};

/** 100 contacts already in GHL and in the mirror, created 10 at a time (no faults yet). */
const seedKnown = async (prefix: string) => {
  const op = await bed.opFor(AUSTIN);
  const where = { agencyId: bed.fx.agency.id, locationId: bed.locationOf(AUSTIN).id };
  const contacts = [];
  for (let start = 0; start < 100; start += 10)
    contacts.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          runOperation(CATALOG.createContact, op, {
            firstName: "Known",
            email: `${prefix}-known-${start + i}@import.test`,
            tags: ["existing"],
          }),
        ),
      )),
    );
  const now = new Date();
  await upsertMirrorContacts(
    bed.db,
    contacts.map((contact) => toMirrorContact(where, contact, now)),
  );
};

const expectNoDuplicates = () => {
  const contacts = bed.sandboxContacts(AUSTIN);
  const emails = contacts.flatMap((c) => (c.email ? [c.email] : []));
  expect(emails.length).toBe(new Set(emails).size);
  const phones = contacts.flatMap((c) => (c.phone ? [c.phone] : []));
  expect(phones.length).toBe(new Set(phones).size);
  const solos = contacts.filter((c) => c.lastName === "nomail" || c.lastName === "Nomail");
  expect(solos.length).toBe(new Set(solos.map((c) => c.firstName)).size);
};

const expectEveryRowAccountedFor = async (importId: string, prefix: string) => {
  const rows = await bed.rowsOf(importId);
  expect(rows).toHaveLength(2_000);
  expect(rows.filter((r) => r.status === "pending")).toEqual([]);
  const byEmail = new Map(
    bed.sandboxContacts(AUSTIN).flatMap((c) => (c.email ? [[c.email, c] as const] : [])),
  );
  for (const row of rows) {
    if (row.status === "failed") {
      expect(row.error, `line ${row.line}`).toBeTruthy();
      continue;
    }
    expect(row.status, `line ${row.line}`).toBe("done");
    expect(["created", "updated"]).toContain(row.outcome);
    const email = (row.payload as { email?: string } | null)?.email;
    if (email) expect(byEmail.get(email)?.id, `line ${row.line}`).toBe(row.ghlContactId);
  }
  const invalid = rows.filter((r) => r.plan === "invalid");
  expect(invalid.map((r) => r.line)).toEqual(Array.from({ length: 10 }, (_, i) => 142 + i));
  expect(invalid[0]?.error).toMatch(/Email: Not a valid email address/);
  const known = rows.filter((r) => r.plan === "update");
  expect(known).toHaveLength(100);
  for (const row of known.filter((r) => r.status === "done")) {
    expect(row.outcome).toBe("updated");
    expect(byEmail.get(`${prefix}-known-${row.line - 2}@import.test`)?.tags).toEqual(
      expect.arrayContaining(["existing", "csv-tag"]),
    );
  }
  const summary = await bed.importRow(importId);
  expect(summary.status).toBe("completed");
  expect(summary.created).toBe(rows.filter((r) => r.outcome === "created").length);
  expect(summary.failed).toBe(
    rows.filter((r) => r.plan !== "invalid" && r.status === "failed").length,
  );
  // Failures are the exception under these faults, not the rule.
  expect(summary.created + summary.updated).toBeGreaterThan(1_800);
};

describe("a 2,000-row import under GHL faults", () => {
  it("ends every row created, updated or reported, and creates no contact twice", async () => {
    await seedKnown("faults");
    const plan = await bed.plan(buildCsv("faults"), MAPPING, {
      location: { mode: "fixed", locationId: bed.locationOf(AUSTIN).id },
    });
    expect(plan.planned).toEqual({ create: 1_890, update: 100, skip: 0, invalid: 10 });

    bed.bed.sandbox.control.faults.set({
      seed: 6,
      errors: { rate: 0.2, statuses: [500, 502, 503] },
      // Held, then cut off without an answer: how long it is held does not change what the
      // runner sees (a request that may or may not have been applied), only how long the test takes.
      timeouts: { rate: 0.05, holdMs: 250 },
      rateLimitStormMs: 1_500,
    });
    const http = losingAnswers(bed.http, 0.05);
    expect(await bed.start(plan.importId)).toEqual([bed.locationOf(AUSTIN).id]);
    const result = await bed.runJob(plan.importId, bed.locationOf(AUSTIN).id, "run", RUN, http);
    bed.bed.sandbox.control.faults.clear();
    expect(result?.finished).toBe(true);
    expectNoDuplicates();
    await expectEveryRowAccountedFor(plan.importId, "faults");
  }, 240_000);

  it("resumes after a crash mid-way with the same result, then undoes what it did", async () => {
    const prefix = "crash";
    const location = bed.locationOf(AUSTIN).id;
    await seedKnown(prefix);
    const csv = buildCsv(prefix).split("\n").slice(0, 401).join("\n");
    const plan = await bed.plan(csv, MAPPING, {
      location: { mode: "fixed", locationId: location },
    });
    bed.bed.sandbox.control.faults.set({ seed: 9, errors: { rate: 0.1, statuses: [502] } });
    const http = losingAnswers(bed.http, 0.05, 3);
    await bed.start(plan.importId);

    // The "process" dies once about a third of the rows are recorded: in-flight answers are lost.
    const crash = new AbortController();
    const watch = setInterval(() => {
      void bed.importRow(plan.importId).then((row) => {
        if (row.done >= 100) crash.abort();
      });
    }, 50);
    const first = await bed.runJob(
      plan.importId,
      location,
      "run",
      { ...RUN, leaseMs: 1_000, signal: crash.signal },
      http,
    );
    clearInterval(watch);
    expect(first).toEqual({ finished: false, status: "aborted" });
    const mid = await bed.rowsOf(plan.importId);
    expect(mid.some((r) => r.status === "pending")).toBe(true);

    // A new process picks it up once the dead one's lease has run out.
    const second = await bed.runJob(
      plan.importId,
      location,
      "run",
      { ...RUN, leaseMs: 1_000 },
      http,
    );
    bed.bed.sandbox.control.faults.clear();
    expect(second.finished).toBe(true);
    expectNoDuplicates();
    const rows = await bed.rowsOf(plan.importId);
    expect(rows.filter((r) => r.status === "pending")).toEqual([]);
    const emails = new Set(bed.sandboxContacts(AUSTIN).map((c) => c.email));
    for (const row of rows.filter((r) => r.plan === "create" || r.plan === "update")) {
      const email = (row.payload as { email?: string }).email;
      if (row.status === "done" && email) expect(emails.has(email), `line ${row.line}`).toBe(true);
      if (row.plan === "update" && row.status === "done") expect(row.outcome).toBe("updated");
      if (row.plan === "create" && row.status === "done") expect(row.outcome).toBe("created");
    }
    expect((await bed.importRow(plan.importId)).status).toBe("completed");

    // Undo: created contacts are deleted, the tag the import added to known contacts is removed.
    const undo = await bed.runAll(plan.importId, "undo", { ...RUN, leaseMs: 1_000 });
    expect(undo.every((r) => r.finished)).toBe(true);
    const after = bed.sandboxContacts(AUSTIN);
    const created = rows.filter((r) => r.outcome === "created").map((r) => r.ghlContactId);
    expect(after.filter((c) => created.includes(c.id))).toEqual([]);
    const known = after.filter((c) => c.email?.startsWith(`${prefix}-known-`));
    expect(known).toHaveLength(100);
    for (const contact of known) expect(contact.tags).toEqual(["existing"]);
    expect((await bed.importRow(plan.importId)).status).toBe("undone");
  }, 240_000);
});
