import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TestDb, createTestDb } from "../../testing/db";
import { createAgencyFixture } from "../../testing/factories";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../../testing/ghl";
import { findLocationConnection } from "../connections/connections.repo";
import { targetOf } from "../connections/targets";
import { GhlError } from "../errors";
import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from "../oauth/scopes";
import { CATALOG, type OperationContext, operationsById, runOperation } from "./index";

const AUSTIN = "AustinDentalStudio01";

let t: TestDb;
let bed: GhlTestbed;
let ctx: OperationContext;

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  const a = await createAgencyFixture(t.db);
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", locations: [AUSTIN] },
  );
  const connection = await findLocationConnection(t.db, a.agency.id, AUSTIN);
  ctx = {
    http: bed.runtime.http,
    target: targetOf(bed.runtime, connection!, null),
    ghlLocationId: AUSTIN,
  };
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

describe("the operation catalog", () => {
  it("lists each operation once, with scopes GHL Hub asks for and a call count", () => {
    const known = new Set([...REQUIRED_SCOPES, ...OPTIONAL_SCOPES].map((s) => s.scope));
    expect(operationsById.size).toBe(Object.keys(CATALOG).length);
    for (const op of operationsById.values()) {
      expect(op.scopes.length, op.id).toBeGreaterThan(0);
      for (const scope of op.scopes) expect(known, `${op.id}: ${scope}`).toContain(scope);
      expect(op.ghlCalls, op.id).toBeGreaterThanOrEqual(1);
    }
  });

  it("refuses bad input before calling GHL", async () => {
    await expect(
      runOperation(CATALOG.createContact, ctx, { email: "not-an-email" }),
    ).rejects.toThrow("Not a valid email address");
    await expect(
      runOperation(CATALOG.createContact, ctx, { locationId: "elsewhere" } as never),
    ).rejects.toThrow(/Unrecognized key/);
  });

  it("creates, reads, updates, tags, searches and deletes a contact in the sandbox", async () => {
    const created = await runOperation(CATALOG.createContact, ctx, {
      firstName: "Ada",
      lastName: "Lovelace",
      email: "Ada@Example.test",
      tags: ["math"],
    });
    expect(created).toMatchObject({ firstName: "Ada", lastName: "Lovelace" });
    expect(created.dateUpdated).toBeInstanceOf(Date);

    const updated = await runOperation(CATALOG.updateContact, ctx, {
      contactId: created.id,
      fields: { city: "London" },
    });
    expect(updated.city).toBe("London");

    const tagged = await runOperation(CATALOG.addContactTags, ctx, {
      contactId: created.id,
      tags: ["vip"],
    });
    expect(tagged.tags).toEqual(expect.arrayContaining(["math", "vip"]));
    await runOperation(CATALOG.removeContactTags, ctx, { contactId: created.id, tags: ["math"] });
    expect((await runOperation(CATALOG.getContact, ctx, { contactId: created.id })).tags).toEqual([
      "vip",
    ]);

    const found = await runOperation(CATALOG.searchContacts, ctx, {
      filters: [{ field: "email", operator: "eq", value: "ada@example.test" }],
      pageLimit: 10,
    });
    expect(found.contacts.map((c) => c.id)).toContain(created.id);

    const upserted = await runOperation(CATALOG.upsertContact, ctx, {
      email: "ada@example.test",
      lastName: "King",
    });
    expect(upserted).toMatchObject({ created: false, contact: { id: created.id } });

    expect(await runOperation(CATALOG.deleteContact, ctx, { contactId: created.id })).toEqual({
      deleted: true,
    });
    const gone = await runOperation(CATALOG.getContact, ctx, { contactId: created.id }).catch(
      (error: unknown) => error,
    );
    expect(gone).toBeInstanceOf(GhlError);
  });

  it("adds and lists notes and tasks, and reads the location's custom fields", async () => {
    const contact = await runOperation(CATALOG.createContact, ctx, { firstName: "Grace" });
    await runOperation(CATALOG.createNote, ctx, { contactId: contact.id, body: "Called back" });
    const notes = await runOperation(CATALOG.listNotes, ctx, { contactId: contact.id });
    expect(notes.map((n) => n.body)).toContain("Called back");

    const task = await runOperation(CATALOG.createTask, ctx, {
      contactId: contact.id,
      title: "Send quote",
      dueDate: "2026-12-01T10:00:00.000Z",
    });
    const done = await runOperation(CATALOG.completeTask, ctx, {
      contactId: contact.id,
      taskId: task.id,
      completed: true,
    });
    expect(done.completed).toBe(true);
    expect((await runOperation(CATALOG.listTasks, ctx, { contactId: contact.id })).length).toBe(1);

    const fields = await runOperation(CATALOG.listCustomFields, ctx, {});
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.map((f) => f.dataType)).toEqual(
      expect.arrayContaining(["NUMERICAL", "SINGLE_OPTIONS", "DATE"]),
    );
  });
});
