import {
  CANONICAL_PREFIX,
  CUSTOM_FIELD_PREFIX,
  LOCATION_TARGET,
  type MappingTarget,
  type StandardTarget,
} from "./targets";

const SYNONYMS: Record<StandardTarget | typeof LOCATION_TARGET, string[]> = {
  firstName: ["firstname", "first", "givenname", "fname", "forename", "prenom", "vorname"],
  lastName: ["lastname", "last", "surname", "familyname", "lname", "nachname"],
  name: ["name", "fullname", "contactname", "contact"],
  email: ["email", "emailaddress", "mail", "emailid"],
  phone: ["phone", "phonenumber", "mobile", "mobilephone", "cell", "cellphone", "telephone", "tel"],
  companyName: [
    "company",
    "companyname",
    "organization",
    "organisation",
    "business",
    "businessname",
  ],
  address1: ["address", "address1", "addressline1", "street", "streetaddress"],
  city: ["city", "town"],
  state: ["state", "province", "region"],
  postalCode: ["postalcode", "zip", "zipcode", "postcode"],
  country: ["country", "countrycode"],
  website: ["website", "web", "url", "site"],
  timezone: ["timezone", "tz"],
  source: ["source", "leadsource"],
  dateOfBirth: ["dateofbirth", "dob", "birthday", "birthdate"],
  dnd: ["dnd", "donotdisturb"],
  tags: ["tags", "tag", "labels"],
  assignedTo: ["assignedto", "owner", "assigneduser"],
  location: ["location", "locationid", "locationname", "subaccount", "subaccountid"],
};

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

const BY_SYNONYM = new Map<string, MappingTarget>(
  Object.entries(SYNONYMS).flatMap(([target, words]) =>
    words.map((w): [string, MappingTarget] => [w, target]),
  ),
);

export type FieldChoice = { target: MappingTarget; label: string };

/**
 * A first guess at the mapping from the column names: standard fields by common spellings, then
 * custom fields by name or key, and `canonical:<key>` written out. The first column wins a field.
 */
export const suggestMapping = (
  labels: string[],
  customChoices: FieldChoice[],
  { withLocation }: { withLocation: boolean },
): Record<string, MappingTarget> => {
  const custom = new Map<string, MappingTarget>();
  for (const choice of customChoices) {
    custom.set(normalise(choice.label), choice.target);
    const key = choice.target.startsWith(CANONICAL_PREFIX)
      ? choice.target.slice(CANONICAL_PREFIX.length)
      : choice.target.slice(CUSTOM_FIELD_PREFIX.length);
    custom.set(normalise(key), choice.target);
  }
  const taken = new Set<MappingTarget>();
  const mapping: Record<string, MappingTarget> = {};
  labels.forEach((label, index) => {
    // Repeated names carry " (column N)": match on the name itself.
    const raw = label.replace(/ \(column \d+\)$/, "").trim();
    const explicit = /^(canonical|customField):/i.test(raw) ? raw : null;
    const key = normalise(raw);
    const target =
      (explicit &&
        customChoices.find((c) => c.target.toLowerCase() === explicit.toLowerCase())?.target) ??
      custom.get(key) ??
      BY_SYNONYM.get(key) ??
      BY_SYNONYM.get(key.replace(/^contact/, ""));
    if (!target || taken.has(target)) return;
    if (target === LOCATION_TARGET && !withLocation) return;
    taken.add(target);
    mapping[String(index)] = target;
  });
  return mapping;
};
