import { generateKeyPairSync } from "node:crypto";

import { describe, expect, it } from "vitest";

import { checkSignature, parsePublicKeys } from "./signatures";
import { createTestSigner, ghlBody } from "./testing/signer";

const signer = createTestSigner({ rsa: true });
const now = new Date("2026-06-01T00:00:00Z");
const body = Buffer.from(
  ghlBody("ContactUpdate", { locationId: "Loc00000000000000001", id: "c1" }),
);
const check = (headers: Record<string, string>, bytes: Uint8Array = body, keys = signer.keys) =>
  checkSignature(bytes, new Headers(headers), keys, now);

describe("checkSignature", () => {
  it("accepts GHL's Ed25519 signature over the exact bytes", async () => {
    expect(await check({ "X-GHL-Signature": signer.ed25519(body) })).toEqual({
      ok: true,
      scheme: "ed25519",
    });
  });

  it("accepts the legacy RSA signature when no Ed25519 header is sent", async () => {
    expect(await check({ "x-wh-signature": signer.rsa(body) })).toEqual({
      ok: true,
      scheme: "rsa",
    });
  });

  it("refuses a delivery with neither header: there is no skip path", async () => {
    expect(await check({})).toEqual({ ok: false, reason: "missing_signature" });
  });

  it("refuses a valid-looking signature made with another key", async () => {
    const forger = createTestSigner();
    expect(await check({ "x-ghl-signature": forger.ed25519(body) })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuses a body changed by one byte after signing", async () => {
    const signature = signer.ed25519(body);
    const tampered = Buffer.from(
      body.toString().replace("Loc00000000000000001", "Loc00000000000000002"),
    );
    expect(tampered.length).toBe(body.length);
    expect(await check({ "x-ghl-signature": signature }, tampered)).toMatchObject({ ok: false });
  });

  it.each([
    ["empty", ""],
    ["truncated", signer.ed25519(body).slice(0, 40)],
    ["not base64", "!!!not-base64!!!"],
    ["10 KB long", "A".repeat(10_240)],
    ["repeated twice", `${signer.ed25519(body)}, ${signer.ed25519(body)}`],
  ])("refuses a signature header that is %s", async (_case, value) => {
    expect(await check({ "x-ghl-signature": value })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("does not fall back to RSA when the Ed25519 header is present but wrong", async () => {
    expect(
      await check({ "x-ghl-signature": "A".repeat(88), "x-wh-signature": signer.rsa(body) }),
    ).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses RSA from the cutoff on", async () => {
    const keys = { ...signer.keys, rsaCutoff: now };
    expect(await check({ "x-wh-signature": signer.rsa(body) }, body, keys)).toEqual({
      ok: false,
      reason: "rsa_retired",
    });
  });

  it("verifies nothing when no key is configured", async () => {
    const keys = { ed25519: [], rsa: [], rsaCutoff: new Date("2100-01-01") };
    expect(await check({ "x-ghl-signature": signer.ed25519(body) }, body, keys)).toEqual({
      ok: false,
      reason: "no_keys",
    });
  });

  it("accepts any of several pinned keys (rotation overlap)", async () => {
    const next = createTestSigner();
    const keys = { ...signer.keys, ed25519: [...signer.keys.ed25519, ...next.keys.ed25519] };
    expect(await check({ "x-ghl-signature": next.ed25519(body) }, body, keys)).toMatchObject({
      ok: true,
    });
  });
});

describe("parsePublicKeys", () => {
  const pem = (type: "ed25519" | "rsa") =>
    (type === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: 1024 })
      : generateKeyPairSync("ed25519")
    ).publicKey
      .export({ type: "spki", format: "pem" })
      .toString();

  it("reads several PEMs, also written on one line with \\n", () => {
    const two = `${pem("ed25519")}${pem("ed25519")}`;
    expect(parsePublicKeys(two, "ed25519")).toHaveLength(2);
    expect(parsePublicKeys(pem("ed25519").replaceAll("\n", "\\n"), "ed25519")).toHaveLength(1);
  });

  it("refuses a key of the wrong type", () => {
    expect(() => parsePublicKeys(pem("rsa"), "ed25519")).toThrow(/expected an ed25519/);
  });

  it("reads GHL's published keys", () => {
    const rsa = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----`;
    const ed =
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=\n-----END PUBLIC KEY-----";
    expect(parsePublicKeys(rsa, "rsa")[0]?.asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(parsePublicKeys(ed, "ed25519")).toHaveLength(1);
  });
});
