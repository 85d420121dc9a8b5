import type { Random } from "./random";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

const draw = (random: Random, alphabet: string, length: number) => {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[random.int(alphabet.length)];
  return out;
};

/** Id formats GHL uses (REFERENCE §1.5): Firestore-style, UUID v4 and Mongo ObjectId. */
export const createIds = (random: Random) => ({
  /** 20 alphanumerics: locations, contacts, users, opportunities, calendars, messages, … */
  ghl: () => draw(random, ALNUM, 20),
  /** UUID v4: pipeline stages, workflows, form submissions, webhook ids. */
  uuid: () => {
    const hex = draw(random, HEX, 32);
    const variant = HEX[8 + random.int(4)] ?? "8";
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  },
  /** 24 hex characters: app ids, version ids, invoices. */
  objectId: () => draw(random, HEX, 24),
  /** Opaque secrets (client secrets, refresh tokens, codes). */
  secret: (length = 40) => draw(random, ALNUM, length),
});

export type Ids = ReturnType<typeof createIds>;
