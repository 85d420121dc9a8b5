import { randomUUID } from "node:crypto";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, contacts, customFields, webhookEvents } from "../../db/schema";
import { CATALOG, type OperationContext, runOperation } from "../../ghl/catalog";
import { GhlError } from "../../ghl/errors";
import {
  type AgencyFixture,
  callerFor,
  createAgencyFixture,
  grantLocation,
} from "../../testing/factories";
import { type TestDb, createTestDb } from "../../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../../testing/ghl";
import { findLocationByGhlId } from "../locations/locations.repo";
import { operationContext } from "./contact-ghl";

const AUSTIN = "AustinDentalStudio01";

let t: TestDb;
let bed: GhlTestbed;
let a: AgencyFixture;
let them: AgencyFixture;
let locationId: string;
let ghl: OperationContext;
let numericField: { id: string; name: string };

const owner = () => callerFor(t.db, a.owner.id, bed.ghl);
const member = () => callerFor(t.db, a.member.id, bed.ghl);
const unique = () => randomUUID().slice(0, 8);

const mirrorRow = async (id: string) =>
  (await t.db.select().from(contacts).where(eq(contacts.id, id)))[0];

const auditFor = (contactId: string, action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetType, "contact"),
        eq(auditLog.targetId, contactId),
        eq(auditLog.action, action),
      ),
    );

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  [a, them] = await Promise.all([createAgencyFixture(t.db), createAgencyFixture(t.db)]);
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", locations: [AUSTIN] },
  );
  const austin = await findLocationByGhlId(t.db, a.agency.id, AUSTIN);
  locationId = austin!.id;
  await grantLocation(t.db, {
    agencyId: a.agency.id,
    userId: a.member.id,
    locationId,
    role: "user",
  });
  ghl = await operationContext({
    db: t.db,
    tenant: { agencyId: a.agency.id, locationId },
    ghl: bed.ghl,
  });
  // Custom field definitions as the custom-field sync stores them.
  const defs = await runOperation(CATALOG.listCustomFields, ghl, {});
  await t.db.insert(customFields).values(
    defs.map((d) => ({
      agencyId: a.agency.id,
      locationId,
      ghlId: d.id,
      name: d.name,
      fieldKey: d.fieldKey,
      dataType: d.dataType,
      options: d.picklistOptions,
    })),
  );
  const numeric = defs.find((d) => d.dataType === "NUMERICAL")!;
  numericField = { id: numeric.id, name: numeric.name };
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

describe("contact writes go to GHL first, then the mirror", () => {
  it("creates, edits, tags and deletes; the mirror follows GHL and every write is audited", async () => {
    const email = `ada.${unique()}@example.test`;
    const created = await member().contacts.create({
      locationId,
      fields: { firstName: "Ada", lastName: "Lovelace", email },
      customFields: { [numericField.id]: "1,234" },
    });
    const inGhl = await runOperation(CATALOG.getContact, ghl, { contactId: created.ghlId });
    expect(inGhl).toMatchObject({ firstName: "Ada", email });
    expect(created).toMatchObject({ name: "Ada Lovelace", email, locationId });
    expect(created.customFields).toEqual([{ id: numericField.id, value: "1234" }]);
    const [createdAudit] = await auditFor(created.id, "contact.created");
    expect(createdAudit?.details).toMatchObject({
      ghlId: created.ghlId,
      before: null,
      after: { email, firstName: "Ada" },
    });

    const updated = await member().contacts.update({
      locationId,
      contactId: created.id,
      fields: { city: "London", lastName: "King" },
    });
    expect(updated).toMatchObject({ city: "London", lastName: "King" });
    expect((await runOperation(CATALOG.getContact, ghl, { contactId: created.ghlId })).city).toBe(
      "London",
    );
    expect((await mirrorRow(created.id))?.city).toBe("London");
    const [updatedAudit] = await auditFor(created.id, "contact.updated");
    expect(updatedAudit?.details).toMatchObject({
      before: { city: null, lastName: "Lovelace" },
      after: { city: "London", lastName: "King" },
    });

    const tagged = await member().contacts.addTags({
      locationId,
      contactId: created.id,
      tags: ["VIP", "math"],
    });
    expect(tagged.tags.sort()).toEqual(["math", "vip"]);
    const untagged = await member().contacts.removeTags({
      locationId,
      contactId: created.id,
      tags: ["math"],
    });
    expect(untagged.tags).toEqual(["vip"]);
    expect((await mirrorRow(created.id))?.tags).toEqual(["vip"]);

    const detail = await member().contacts.get({ locationId, contactId: created.id });
    expect(detail.fieldDefinitions.find((d) => d.id === numericField.id)?.name).toBe(
      numericField.name,
    );
    expect(detail.canAdmin).toBe(false);

    await expect(
      member().contacts.delete({ locationId, contactId: created.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(owner().contacts.delete({ locationId, contactId: created.id })).resolves.toEqual({
      id: created.id,
      deleted: true,
    });
    const gone = await runOperation(CATALOG.getContact, ghl, { contactId: created.ghlId }).catch(
      (error: unknown) => error,
    );
    expect(gone).toBeInstanceOf(GhlError);
    expect((await mirrorRow(created.id))?.deletedAt).toBeInstanceOf(Date);
    const [deletedAudit] = await auditFor(created.id, "contact.deleted");
    expect(deletedAudit?.details).toMatchObject({ before: { city: "London" }, after: null });
    expect((await owner().contacts.list({ locationId, search: email })).items).toEqual([]);
    await expect(owner().contacts.get({ locationId, contactId: created.id })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
  });

  it("refuses bad custom field values and duplicates with messages naming the problem", async () => {
    await expect(
      member().contacts.create({
        locationId,
        fields: { firstName: "Bad" },
        customFields: { [numericField.id]: "lots" },
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(numericField.name) as string,
    });
    const email = `dup.${unique()}@example.test`;
    await member().contacts.create({ locationId, fields: { email } });
    await expect(member().contacts.create({ locationId, fields: { email } })).rejects.toMatchObject(
      { code: "CONFLICT", message: expect.stringContaining("already exists") as string },
    );
  });

  it("upserts by GHL's duplicate rules", async () => {
    const email = `up.${unique()}@example.test`;
    const first = await member().contacts.upsert({
      locationId,
      fields: { email, firstName: "Up" },
    });
    expect(first.created).toBe(true);
    const second = await member().contacts.upsert({ locationId, fields: { email, city: "Oslo" } });
    expect(second).toMatchObject({
      created: false,
      contact: { id: first.contact.id, city: "Oslo" },
    });
  });

  it("tags many contacts in bulk and refreshes their mirror rows", async () => {
    const made = await Promise.all(
      [1, 2, 3].map((i) =>
        member().contacts.create({ locationId, fields: { firstName: `Bulk${i}` } }),
      ),
    );
    const result = await member().contacts.bulkTag({
      locationId,
      contactIds: made.map((c) => c.id),
      action: "add",
      tags: ["campaign-7"],
    });
    expect(result).toEqual({ requested: 3, errorCount: 0, refreshed: 3 });
    for (const c of made) expect((await mirrorRow(c.id))?.tags).toEqual(["campaign-7"]);
    const [theirs] = await t.db
      .insert(contacts)
      .values({
        agencyId: them.agency.id,
        locationId: them.locations[0].id,
        ghlId: "theirs1",
        sourceVersion: new Date(),
      })
      .returning({ id: contacts.id });
    await expect(
      member().contacts.bulkTag({
        locationId,
        contactIds: [made[0]!.id, theirs!.id],
        action: "remove",
        tags: ["campaign-7"],
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await mirrorRow(made[0]!.id))?.tags).toEqual(["campaign-7"]);
  });

  it("keeps notes and tasks in GHL and shows them with events and edits on the timeline", async () => {
    const c = await member().contacts.create({ locationId, fields: { firstName: "Timeline" } });
    await member().contacts.createNote({ locationId, contactId: c.id, body: "Called back" });
    expect((await member().contacts.listNotes({ locationId, contactId: c.id }))[0]?.body).toBe(
      "Called back",
    );
    const task = await member().contacts.createTask({
      locationId,
      contactId: c.id,
      title: "Send quote",
      dueDate: "2026-12-01T10:00:00.000Z",
    });
    const done = await member().contacts.completeTask({
      locationId,
      contactId: c.id,
      taskId: task.id,
      completed: true,
    });
    expect(done.completed).toBe(true);
    await t.db.insert(webhookEvents).values({
      dedupKey: randomUUID(),
      ghlType: "ContactTagUpdate",
      eventType: "contact.tags_updated",
      ghlObjectId: c.ghlId,
      agencyId: a.agency.id,
      locationId,
      rawBody: new TextEncoder().encode("{}"),
      headers: {},
      signatureScheme: "ed25519",
      status: "processed",
      eventAt: new Date(Date.now() + 60_000),
    });
    const timeline = await member().contacts.timeline({ locationId, contactId: c.id });
    expect(timeline.warning).toBeNull();
    const times = timeline.items.map((i) => i.at.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(timeline.items.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        "GoHighLevel sent ContactTagUpdate",
        "Created in GHL Hub",
        "Note added",
        "Task completed",
        "Note",
        "Task done: Send quote",
      ]),
    );
  });
});

describe("merging duplicates", () => {
  it("previews, then fills the primary from the duplicate, unions tags and deletes the duplicate", async () => {
    const id = unique();
    const primary = await member().contacts.create({
      locationId,
      fields: { firstName: "Mia", lastName: "Merge", email: `mia.${id}@example.test`, tags: ["a"] },
    });
    const phone = `+1512${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    const duplicate = await member().contacts.create({
      locationId,
      fields: { firstName: "Mia", lastName: "M.", phone, city: "Austin", tags: ["b"] },
      customFields: { [numericField.id]: "7" },
    });
    const input = { locationId, primaryId: primary.id, duplicateId: duplicate.id };

    const preview = await member().contacts.mergePreview(input);
    expect(preview.plan).toMatchObject({
      fill: { phone, city: "Austin" },
      conflicts: [{ field: "lastName", primary: "Merge", duplicate: "M." }],
      tagsAdded: ["b"],
      customFieldsAdded: [{ id: numericField.id, value: "7" }],
    });
    await expect(member().contacts.merge(input)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const merged = await owner().contacts.merge(input);
    expect(merged.deletedId).toBe(duplicate.id);
    expect(merged.contact).toMatchObject({ phone, city: "Austin", lastName: "Merge" });
    expect(merged.contact.tags.sort()).toEqual(["a", "b"]);
    const inGhl = await runOperation(CATALOG.getContact, ghl, { contactId: primary.ghlId });
    expect(inGhl).toMatchObject({ phone, city: "Austin" });
    expect(inGhl.customFields).toEqual([{ id: numericField.id, value: "7" }]);
    await expect(
      runOperation(CATALOG.getContact, ghl, { contactId: duplicate.ghlId }),
    ).rejects.toBeInstanceOf(GhlError);
    expect((await mirrorRow(duplicate.id))?.deletedAt).toBeInstanceOf(Date);
    const [audit] = await auditFor(primary.id, "contact.merged");
    expect(audit?.details).toMatchObject({
      duplicateId: duplicate.id,
      duplicateSnapshot: { phone, city: "Austin" },
      incomplete: null,
      after: { phone, city: "Austin" },
    });
  });
});
