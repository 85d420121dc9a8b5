import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AgencyFixture, createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { httpCall } from "../testing/http";

let t: TestDb;
let a: AgencyFixture;
beforeAll(async () => {
  t = await createTestDb();
  a = await createAgencyFixture(t.db);
});
afterAll(() => t?.close());

type ErrorBody = {
  error: { json: { message: string; data: Record<string, unknown> & { httpStatus: number } } };
};

describe("errors over HTTP", () => {
  it("gives BAD_REQUEST with field errors for invalid input", async () => {
    const { status, body } = await httpCall(t.db, a.owner.id, {
      path: "members.add",
      method: "POST",
      input: { email: "nope", role: "superuser" },
    });
    expect(status).toBe(400);
    const { message, data } = (body as ErrorBody).error.json;
    expect(message).toBe("email: Enter a valid email address");
    expect(data.zodError).toMatchObject({
      fieldErrors: {
        email: ["Enter a valid email address"],
        role: [expect.stringContaining("Invalid option")],
      },
    });
  });

  it("names a stray key in the error", async () => {
    const { status, body } = await httpCall(t.db, a.owner.id, {
      path: "locations.get",
      input: { locationId: a.locations[0].id, role: "admin" },
    });
    expect(status).toBe(400);
    expect((body as ErrorBody).error.json.data.zodError).toMatchObject({
      formErrors: [expect.stringContaining('"role"')],
    });
  });

  it("answers 401 without a session and 404 for a location that is not yours", async () => {
    expect((await httpCall(t.db, null, { path: "locations.list" })).status).toBe(401);
    const other = await createAgencyFixture(t.db);
    const { status, body } = await httpCall(t.db, a.owner.id, {
      path: "locations.get",
      input: { locationId: other.locations[0].id },
    });
    expect(status).toBe(404);
    expect(JSON.stringify(body)).not.toContain(other.agency.name);
  });

  it("carries the domain code of an AppError", async () => {
    const { status, body } = await httpCall(t.db, a.owner.id, {
      path: "members.remove",
      method: "POST",
      input: { userId: a.owner.id },
    });
    expect(status).toBe(412);
    expect((body as ErrorBody).error.json.data.appCode).toBe("LAST_OWNER");
  });

  it("hides the text of unexpected errors and gives a request id instead", async () => {
    // Break a grant so the query fails with a database error whose text must not reach the client.
    await t.asOwner((owner) => owner.execute(sql`revoke select on locations from ghlhub_app`));
    try {
      const { status, body } = await httpCall(t.db, a.owner.id, { path: "locations.list" });
      expect(status).toBe(500);
      const { message, data } = (body as ErrorBody).error.json;
      expect(message).toMatch(/^Something went wrong \(request [0-9a-f-]{36}\)$/);
      expect(JSON.stringify(body)).not.toContain("permission denied");
      expect(data).not.toHaveProperty("stack");
    } finally {
      await t.asOwner((owner) => owner.execute(sql`grant select on locations to ghlhub_app`));
    }
  });
});
