import type { Sandbox } from "../../context";
import type {
  Company,
  CustomField,
  CustomValue,
  Location,
  LocationTag,
  User,
} from "../../store/types";

/** GET /locations/{id} (GetLocationByIdSchema, REFERENCE §5.7). */
export const renderLocation = (l: Location) => ({
  id: l.id,
  companyId: l.companyId,
  name: l.name,
  domain: l.domain ?? "",
  address: l.address,
  city: l.city,
  state: l.state,
  logoUrl: l.logoUrl ?? "",
  country: l.country,
  postalCode: l.postalCode,
  website: l.website,
  timezone: l.timezone,
  firstName: l.firstName ?? "",
  lastName: l.lastName ?? "",
  email: l.email,
  phone: l.phone,
  business: {
    name: l.name,
    address: l.address,
    city: l.city,
    state: l.state,
    country: l.country,
    postalCode: l.postalCode,
    website: l.website,
    timezone: l.timezone,
    logoUrl: l.logoUrl ?? "",
  },
  social: l.social ?? {},
  settings: l.settings,
  reseller: {},
});

/** A /locations/search row (GetLocationSchema): no companyId, no business block. */
export const renderLocationRow = (l: Location) => ({
  id: l.id,
  name: l.name,
  phone: l.phone,
  email: l.email,
  address: l.address,
  city: l.city,
  state: l.state,
  country: l.country,
  postalCode: l.postalCode,
  website: l.website,
  timezone: l.timezone,
  settings: l.settings,
  social: l.social ?? {},
});

/** POST and PUT /locations answer the location flat, not under `location` (REFERENCE §5.7). */
export const renderLocationFlat = (l: Location) => ({
  ...renderLocationRow(l),
  companyId: l.companyId,
  domain: l.domain ?? "",
});

/** LocationCreate / LocationUpdate webhook data (webhook-samples/LocationCreate.example-1.json). */
export const locationEventData = (l: Location) => ({
  id: l.id,
  companyId: l.companyId,
  name: l.name,
  email: l.email,
});

export const renderCustomField = (f: CustomField) => ({
  id: f.id,
  name: f.name,
  fieldKey: f.fieldKey,
  placeholder: f.placeholder,
  dataType: f.dataType,
  position: f.position,
  picklistOptions: f.picklistOptions,
  picklistImageOptions: [],
  isAllowedCustomOption: false,
  isMultiFileAllowed: f.isMultipleFile ?? false,
  maxFileLimit: f.maxNumberOfFiles ?? 0,
  locationId: f.locationId,
  model: f.model,
  ...(f.acceptedFormat ? { acceptedFormat: f.acceptedFormat } : {}),
  ...(f.textBoxListOptions ? { textBoxListOptions: f.textBoxListOptions } : {}),
});

export const renderCustomValue = (v: CustomValue) => ({
  id: v.id,
  name: v.name,
  fieldKey: v.fieldKey,
  value: v.value,
  locationId: v.locationId,
});

export const renderTag = (t: LocationTag) => ({ id: t.id, name: t.name, locationId: t.locationId });

/** Every permission a new user gets unless the request says otherwise (PermissionsDto defaults). */
export const DEFAULT_PERMISSIONS: Record<string, boolean> = {
  campaignsEnabled: true,
  campaignsReadOnly: false,
  contactsEnabled: true,
  workflowsEnabled: true,
  workflowsReadOnly: false,
  triggersEnabled: true,
  funnelsEnabled: true,
  websitesEnabled: false,
  opportunitiesEnabled: true,
  dashboardStatsEnabled: true,
  bulkRequestsEnabled: true,
  appointmentsEnabled: true,
  reviewsEnabled: true,
  onlineListingsEnabled: true,
  phoneCallEnabled: true,
  conversationsEnabled: true,
  assignedDataOnly: false,
  adwordsReportingEnabled: false,
  membershipEnabled: false,
  facebookAdsReportingEnabled: false,
  attributionsReportingEnabled: false,
  settingsEnabled: true,
  tagsEnabled: true,
  leadValueEnabled: true,
  marketingEnabled: true,
  agentReportingEnabled: true,
  botService: false,
  socialPlanner: true,
  bloggingEnabled: true,
  invoiceEnabled: true,
  affiliateManagerEnabled: true,
  contentAiEnabled: true,
  refundsEnabled: true,
  recordPaymentEnabled: true,
  cancelSubscriptionEnabled: true,
  paymentsEnabled: true,
  communitiesEnabled: true,
  exportPaymentsEnabled: true,
};

/** The user object of REFERENCE §5.9 (UserSchema); the same flat shape for GET, POST and PUT. */
export const renderUser = (u: User) => ({
  id: u.id,
  name: `${u.firstName} ${u.lastName}`.trim(),
  firstName: u.firstName,
  lastName: u.lastName,
  email: u.email,
  phone: u.phone,
  extension: u.extension ?? "",
  permissions: { ...DEFAULT_PERMISSIONS, ...u.permissions },
  scopes: u.scopes ?? [],
  roles: {
    type: u.type,
    role: u.role,
    locationIds: u.locationIds,
    restrictSubAccount: false,
  },
  deleted: u.deleted,
  lcPhone: u.lcPhone ?? {},
  platformLanguage: u.platformLanguage ?? "en_US",
  ...(u.profilePhoto ? { profilePhoto: u.profilePhoto } : {}),
});

/** UserCreate webhook data: `locationId` for a sub-account user, `companyId` + `locations` for agency users. */
export const userEventData = (u: User) => ({
  id: u.id,
  firstName: u.firstName,
  lastName: u.lastName,
  email: u.email,
  phone: u.phone,
  extension: u.extension ?? "",
  role: u.role,
  permissions: { ...DEFAULT_PERMISSIONS, ...u.permissions },
  ...(u.type === "agency" ? { companyId: u.companyId, locations: u.locationIds } : {}),
});

export const renderCompany = (sandbox: Sandbox, c: Company) => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  website: c.website,
  logoUrl: "",
  domain: "",
  customerType: "agency",
  status: "active",
  plan: 2,
  currency: "USD",
  timezone: "US/Central",
  isReselling: false,
  twilioTrialMode: false,
  isSandboxAccount: false,
  locationCount: [...sandbox.state.locations.values()].filter((l) => l.companyId === c.id).length,
  onboardingInfo: { pending: false },
});
