import { describe, expect, it } from "vitest";

import { readEnvelope } from "./envelope";

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("readEnvelope", () => {
  it("keys deliveries by webhookId and reads the routing fields", () => {
    const envelope = readEnvelope(
      encode({
        type: "OpportunityStageUpdate",
        locationId: "Loc1",
        id: "Opp1",
        timestamp: "2026-11-24T10:00:00.123Z",
        webhookId: "wh-1",
      }),
    );
    expect(envelope).toEqual({
      ghlType: "OpportunityStageUpdate",
      eventType: "opportunity.stage.changed",
      dedupKey: "wh:wh-1",
      ghlLocationId: "Loc1",
      ghlCompanyId: null,
      ghlObjectId: "Opp1",
      eventAt: new Date("2026-11-24T10:00:00.123Z"),
      unreadable: null,
    });
  });

  it("without webhookId, keys by type, location, object and timestamp", () => {
    const base = {
      type: "ContactUpdate",
      locationId: "L",
      id: "C",
      timestamp: "2026-11-24T10:00:00Z",
    };
    const a = readEnvelope(encode(base));
    expect(a.dedupKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(readEnvelope(encode({ ...base, firstName: "changed" })).dedupKey).toBe(a.dedupKey);
    expect(readEnvelope(encode({ ...base, timestamp: "2026-11-24T10:00:01Z" })).dedupKey).not.toBe(
      a.dedupKey,
    );
  });

  it("finds the object id of appointment events", () => {
    expect(
      readEnvelope(encode({ type: "AppointmentCreate", appointment: { id: "A1" } })).ghlObjectId,
    ).toBe("A1");
  });

  it.each([
    "1674087231",
    "2026-11-24T10:00:00+01:00",
    "2026-11-24 10:00:00Z",
    "2026-11-24T10:00:00Zabc",
    "yesterday",
  ])("does not read %s as a timestamp (strict ISO-8601 UTC only)", (timestamp) => {
    expect(readEnvelope(encode({ type: "ContactUpdate", timestamp })).eventAt).toBeNull();
  });

  it("keeps a signed body that is not JSON, or not an object, as unreadable", () => {
    const notJson = readEnvelope(new Uint8Array([0xff, 0xfe, 0x00, 0x7b]));
    expect(notJson).toMatchObject({ ghlType: "unknown", unreadable: "body is not JSON" });
    expect(notJson.dedupKey).toMatch(/^sha256:/);
    expect(readEnvelope(encode([1, 2]))).toMatchObject({ unreadable: "body is not a JSON object" });
  });

  it("tolerates wrongly typed routing fields instead of failing", () => {
    const envelope = readEnvelope(encode({ type: 42, locationId: { x: 1 }, webhookId: ["a"] }));
    expect(envelope).toMatchObject({ ghlType: "unknown", ghlLocationId: null, unreadable: null });
  });
});
