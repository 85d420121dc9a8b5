import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { CryptoError, type SecretContext, createEncryption } from "./encryption";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const vault = createEncryption({ keys: new Map([["a", keyA]]), currentKeyId: "a" });
const ctx: SecretContext = { agencyId: "agency-1", locationId: "loc-1", kind: "access_token" };
const secret = "ghl-access-token-SECRET-1234567890";

/** Asserts a CryptoError whose message leaks neither the secret, the keys nor the ciphertext. */
const expectFailClosed = (run: () => unknown, leaks: string[] = []) => {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CryptoError);
  const message = (caught as CryptoError).message;
  for (const value of [secret, keyA.toString("base64"), keyB.toString("base64"), ...leaks]) {
    expect(message).not.toContain(value);
  }
  return caught as CryptoError;
};

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const parts = (ciphertext: string) => ciphertext.split(".");
const withPart = (ciphertext: string, index: number, value: string) =>
  parts(ciphertext)
    .map((part, i) => (i === index ? value : part))
    .join(".");
const flipBit = (b64: string, bit: number) => {
  const bytes = Buffer.from(b64, "base64url");
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return bytes.toString("base64url");
};

describe("createEncryption", () => {
  it("round-trips text in the v1.<kid>.<iv>.<tag>.<ct> format", () => {
    for (const text of [secret, "", "ünïcødé 🔐 漢字", "x".repeat(65_536)]) {
      const ciphertext = vault.encrypt(text, ctx);
      expect(vault.decrypt(ciphertext, ctx)).toBe(text);
      const [version, kid, iv, tag] = parts(ciphertext);
      expect([version, kid]).toEqual(["v1", "a"]);
      expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
      expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
      expect(vault.keyIdOf(ciphertext)).toBe("a");
    }
    expect(
      vault.decrypt(vault.encrypt(secret, { ...ctx, locationId: null }), {
        ...ctx,
        locationId: null,
      }),
    ).toBe(secret);
  });

  it("never produces the same ciphertext twice", () => {
    const seen = new Set(Array.from({ length: 200 }, () => vault.encrypt(secret, ctx)));
    expect(seen.size).toBe(200);
  });

  it("binds each ciphertext to its agency, location and kind", () => {
    const ciphertext = vault.encrypt(secret, ctx);
    for (const other of [
      { ...ctx, agencyId: "agency-2" },
      { ...ctx, locationId: "loc-2" },
      { ...ctx, locationId: null },
      { ...ctx, locationId: "" },
      { ...ctx, kind: "refresh_token" },
      { agencyId: "agency-1loc-1", locationId: "", kind: "access_token" },
    ]) {
      const error = expectFailClosed(() => vault.decrypt(ciphertext, other), [ciphertext]);
      expect(error.code).toBe("authentication_failed");
    }
  });

  it("refuses a ciphertext copied from another row or column", () => {
    const refresh = { ...ctx, kind: "refresh_token" };
    const otherTenant = { agencyId: "agency-2", locationId: "loc-9", kind: "access_token" };
    expectFailClosed(() => vault.decrypt(vault.encrypt(secret, refresh), ctx));
    expectFailClosed(() => vault.decrypt(vault.encrypt(secret, ctx), otherTenant));
    expectFailClosed(() => vault.decrypt(vault.encrypt(secret, otherTenant), ctx));
  });

  it("fails closed on every flipped bit of the IV, the tag and the ciphertext", () => {
    const ciphertext = vault.encrypt(secret, ctx);
    for (const index of [2, 3, 4]) {
      const bits = Buffer.from(parts(ciphertext)[index]!, "base64url").length * 8;
      for (let bit = 0; bit < bits; bit += 1) {
        const tampered = withPart(ciphertext, index, flipBit(parts(ciphertext)[index]!, bit));
        expectFailClosed(() => vault.decrypt(tampered, ctx), [tampered]);
      }
    }
  });

  it("rejects truncated tags, wrong IV sizes and altered lengths", () => {
    const ciphertext = vault.encrypt(secret, ctx);
    const tag = Buffer.from(parts(ciphertext)[3]!, "base64url");
    const iv = Buffer.from(parts(ciphertext)[2]!, "base64url");
    const body = Buffer.from(parts(ciphertext)[4]!, "base64url");
    for (const [index, bytes] of [
      [3, tag.subarray(0, 4)],
      [3, tag.subarray(0, 8)],
      [3, tag.subarray(0, 12)],
      [3, tag.subarray(0, 15)],
      [3, Buffer.concat([tag, Buffer.alloc(1)])],
      [2, Buffer.concat([iv, Buffer.alloc(4)])],
      [2, iv.subarray(0, 11)],
      [4, body.subarray(0, body.length - 1)],
      [4, Buffer.concat([body, Buffer.alloc(1)])],
    ] as const) {
      const tampered = withPart(ciphertext, index, bytes.toString("base64url"));
      expectFailClosed(() => vault.decrypt(tampered, ctx));
    }
  });

  it("rejects malformed strings", () => {
    const ciphertext = vault.encrypt(secret, ctx);
    const [, , iv, tag, body] = parts(ciphertext);
    for (const malformed of [
      "",
      "garbage",
      "v1",
      "v1.a",
      `v2.a.${iv}.${tag}.${body}`,
      `gv1.a.${iv}.${tag}.${body}`,
      `v1..${iv}.${tag}.${body}`,
      `v1.a.${iv}.${tag}`,
      `v1.a.${iv}.${tag}.${body}.extra`,
      `v1.a.${iv}=.${tag}.${body}`,
      `v1.a.${iv}.${tag}.${body}==`,
      `v1.a.${iv}.${tag}.${body}!`,
      `v1.a.${iv!.replace(/./, "+")}.${tag}.${body}`,
      `v1.a b.${iv}.${tag}.${body}`,
      ` ${ciphertext}`,
      `${ciphertext}\n`,
      ciphertext.replace(/^v1\.a\./, "v1.A."),
      // Same bytes, but non-canonical spare bits in the last character of the 16-byte tag.
      withPart(ciphertext, 3, `${tag!.slice(0, -1)}${B64URL[B64URL.indexOf(tag!.at(-1)!) ^ 1]}`),
    ]) {
      const error = expectFailClosed(() => vault.decrypt(malformed, ctx));
      expect(["malformed", "unknown_key"]).toContain(error.code);
    }
    expectFailClosed(() => vault.keyIdOf("v1.a.x.y"));
    expectFailClosed(() => vault.decrypt(null as unknown as string, ctx));
  });

  it("names an unknown key id and never tries other keys", () => {
    const ciphertext = vault.encrypt(secret, ctx);
    const moved = withPart(ciphertext, 1, "b");
    const both = createEncryption({
      keys: new Map([
        ["a", keyA],
        ["b", keyB],
      ]),
      currentKeyId: "b",
    });
    const unknown = expectFailClosed(() => vault.decrypt(moved, ctx));
    expect(unknown.code).toBe("unknown_key");
    expect(unknown.message).toContain('"b"');
    // Key b exists but did not make this ciphertext; key a would have, but is never tried.
    expect(expectFailClosed(() => both.decrypt(moved, ctx)).code).toBe("authentication_failed");
  });

  it("still decrypts old ciphertexts after the current key changes", () => {
    const old = vault.encrypt(secret, ctx);
    const rotated = createEncryption({
      keys: new Map([
        ["a", keyA],
        ["b", keyB],
      ]),
      currentKeyId: "b",
    });
    expect(rotated.decrypt(old, ctx)).toBe(secret);
    const fresh = rotated.encrypt(secret, ctx);
    expect(rotated.keyIdOf(fresh)).toBe("b");
    expect(expectFailClosed(() => vault.decrypt(fresh, ctx)).code).toBe("unknown_key");
  });

  it("refuses bad keys, an unknown current key and incomplete contexts", () => {
    const build = (keys: [string, Buffer][], currentKeyId: string) => () =>
      createEncryption({ keys: new Map(keys), currentKeyId });
    expectFailClosed(build([["a", randomBytes(31)]], "a"));
    expectFailClosed(build([["a", randomBytes(33)]], "a"));
    expectFailClosed(build([["a.b", keyA]], "a.b"));
    expectFailClosed(build([["a", keyA]], "b"));
    expectFailClosed(() => vault.encrypt(secret, { ...ctx, agencyId: "" }));
    expectFailClosed(() => vault.encrypt(secret, { ...ctx, kind: "" }));
    expectFailClosed(() => vault.encrypt("lone \ud800 surrogate", ctx));
  });

  it("keeps the plaintext, the key and the ciphertext out of every error", () => {
    const ciphertext = vault.encrypt(secret, ctx);
    const error = expectFailClosed(
      () => vault.decrypt(ciphertext, { ...ctx, kind: "pit" }),
      [ciphertext, parts(ciphertext)[4]!, keyA.toString("hex"), keyA.toString("base64url")],
    );
    expect(String(error.stack)).not.toContain(secret);
    expect(error.cause).toBeUndefined();
  });
});
