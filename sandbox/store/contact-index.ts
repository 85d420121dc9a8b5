import type { Contact } from "./types";

type LocationContacts = {
  /** Ordered by (dateUpdated, id): what reconciliation sweeps page through. */
  sorted: Contact[];
  byEmail: Map<string, Set<string>>;
  byPhone: Map<string, Set<string>>;
};

export const normaliseEmail = (email: string | null | undefined) =>
  email?.trim().toLowerCase() || null;
export const normalisePhone = (phone: string | null | undefined) => {
  const digits = phone?.replace(/\D/g, "") ?? "";
  return digits.length > 0 ? digits : null;
};

const compare = (a: Contact, b: Contact) =>
  a.dateUpdated - b.dateUpdated || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** First index whose contact sorts at or after `probe`. */
const lowerBound = (list: Contact[], probe: Contact) => {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const addTo = (index: Map<string, Set<string>>, key: string | null, id: string) => {
  if (!key) return;
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
};

const removeFrom = (index: Map<string, Set<string>>, key: string | null, id: string) => {
  if (!key) return;
  const ids = index.get(key);
  ids?.delete(id);
  if (ids?.size === 0) index.delete(key);
};

/**
 * Contacts by id, plus per-location order and email/phone indexes, so duplicate checks and sweeps
 * stay fast at a million contacts. Contacts must only change through `update`.
 */
export class ContactIndex {
  private readonly byId = new Map<string, Contact>();
  private readonly perLocation = new Map<string, LocationContacts>();

  get size() {
    return this.byId.size;
  }

  get(id: string) {
    return this.byId.get(id);
  }

  /** The location's contacts ordered by (dateUpdated, id). Do not mutate. */
  ofLocation(locationId: string): readonly Contact[] {
    return this.perLocation.get(locationId)?.sorted ?? [];
  }

  count(locationId: string) {
    return this.perLocation.get(locationId)?.sorted.length ?? 0;
  }

  findByEmail(locationId: string, email: string | null | undefined) {
    return this.lookup(locationId, "byEmail", normaliseEmail(email));
  }

  findByPhone(locationId: string, phone: string | null | undefined) {
    return this.lookup(locationId, "byPhone", normalisePhone(phone));
  }

  insert(contact: Contact) {
    const location = this.location(contact.locationId);
    this.byId.set(contact.id, contact);
    const last = location.sorted.at(-1);
    if (!last || compare(last, contact) <= 0) location.sorted.push(contact);
    else location.sorted.splice(lowerBound(location.sorted, contact), 0, contact);
    addTo(location.byEmail, normaliseEmail(contact.email), contact.id);
    addTo(location.byPhone, normalisePhone(contact.phone), contact.id);
  }

  update(contact: Contact, patch: Partial<Omit<Contact, "id" | "locationId">>) {
    const location = this.location(contact.locationId);
    const at = lowerBound(location.sorted, contact);
    if (location.sorted[at] === contact) location.sorted.splice(at, 1);
    removeFrom(location.byEmail, normaliseEmail(contact.email), contact.id);
    removeFrom(location.byPhone, normalisePhone(contact.phone), contact.id);
    Object.assign(contact, patch);
    this.byId.delete(contact.id);
    this.insert(contact);
    return contact;
  }

  remove(contact: Contact) {
    const location = this.location(contact.locationId);
    const at = lowerBound(location.sorted, contact);
    if (location.sorted[at] === contact) location.sorted.splice(at, 1);
    removeFrom(location.byEmail, normaliseEmail(contact.email), contact.id);
    removeFrom(location.byPhone, normalisePhone(contact.phone), contact.id);
    this.byId.delete(contact.id);
  }

  /** Adds many contacts at once with one merge per location: the fast path for large seeds. */
  insertMany(contacts: Contact[]) {
    const byLocation = new Map<string, Contact[]>();
    for (const contact of contacts) {
      let group = byLocation.get(contact.locationId);
      if (!group) byLocation.set(contact.locationId, (group = []));
      group.push(contact);
      this.byId.set(contact.id, contact);
    }
    for (const [locationId, group] of byLocation) {
      const location = this.location(locationId);
      group.sort(compare);
      const merged: Contact[] = new Array<Contact>(location.sorted.length + group.length);
      let i = 0;
      let j = 0;
      for (let k = 0; k < merged.length; k++) {
        merged[k] =
          j >= group.length ||
          (i < location.sorted.length && compare(location.sorted[i]!, group[j]!) <= 0)
            ? location.sorted[i++]!
            : group[j++]!;
      }
      location.sorted = merged;
      for (const contact of group) {
        addTo(location.byEmail, normaliseEmail(contact.email), contact.id);
        addTo(location.byPhone, normalisePhone(contact.phone), contact.id);
      }
    }
  }

  all() {
    return this.byId.values();
  }

  private lookup(locationId: string, kind: "byEmail" | "byPhone", key: string | null) {
    if (!key) return [];
    const ids = this.perLocation.get(locationId)?.[kind].get(key);
    return ids ? [...ids].flatMap((id) => this.byId.get(id) ?? []) : [];
  }

  private location(locationId: string) {
    let location = this.perLocation.get(locationId);
    if (!location)
      this.perLocation.set(
        locationId,
        (location = { sorted: [], byEmail: new Map(), byPhone: new Map() }),
      );
    return location;
  }
}
