import { int, iso, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import { ofLocation } from "../../store/state";
import type { FormSubmission } from "../../store/types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A `YYYY-MM-DD` day as its first millisecond (UTC), or 422 as class-validator would. */
const dayStart = (field: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const ms = Date.parse(`${value.slice(0, 10)}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    throw errors.unprocessable([`${field} must be a valid ISO 8601 date string`]);
  return ms;
};

const utcDay = (ms: number) => ms - (ms % DAY_MS);

/** "Same date of last month", the documented default start. */
const sameDayLastMonth = (now: number) => {
  const date = new Date(utcDay(now));
  date.setUTCMonth(date.getUTCMonth() - 1);
  return date.getTime();
};

const matches = (s: FormSubmission, q: string) => {
  const phone = typeof s.others.phone === "string" ? s.others.phone : "";
  const needle = q.toLowerCase();
  const digits = q.replace(/\D/g, "");
  return (
    s.contactId === q ||
    s.name.toLowerCase().includes(needle) ||
    s.email.toLowerCase().includes(needle) ||
    (digits.length >= 4 && phone.replace(/\D/g, "").includes(digits))
  );
};

const renderSubmission = (s: FormSubmission) => ({
  id: s.id,
  contactId: s.contactId,
  createdAt: iso(s.createdAt),
  formId: s.formId,
  name: s.name,
  email: s.email,
  others: s.others,
});

/** Forms and their submissions (REFERENCE §5.10); limits above the documented maxima are clamped. */
export const formsRoutes: RouteTable = {
  "GET /forms/": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const skip = Math.max(int(query.skip, 0), 0);
    const limit = Math.min(Math.max(int(query.limit, 10), 1), 50);
    const forms = ofLocation(sandbox.state.forms, location.id);
    return {
      status: 200,
      body: {
        forms: forms
          .slice(skip, skip + limit)
          .map((f) => ({ id: f.id, name: f.name, locationId: f.locationId })),
        total: forms.length,
      },
    };
  },

  /** Newest first; `startAt`/`endAt` are whole UTC days, both inclusive. */
  "GET /forms/submissions": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const page = Math.max(int(query.page, 1), 1);
    const limit = Math.min(Math.max(int(query.limit, 20), 1), 100);
    const now = sandbox.clock.now();
    const from = dayStart("startAt", str(query.startAt), sameDayLastMonth(now));
    const to = dayStart("endAt", str(query.endAt), utcDay(now)) + DAY_MS;
    const formId = str(query.formId);
    const q = str(query.q)?.trim();
    const all = ofLocation(sandbox.state.formSubmissions, location.id)
      .filter((s) => s.createdAt >= from && s.createdAt < to)
      .filter((s) => !formId || s.formId === formId)
      .filter((s) => !q || matches(s, q))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    const pages = Math.ceil(all.length / limit);
    return {
      status: 200,
      body: {
        submissions: all.slice((page - 1) * limit, page * limit).map(renderSubmission),
        meta: {
          total: all.length,
          currentPage: page,
          nextPage: page < pages ? page + 1 : null,
          prevPage: page > 1 ? page - 1 : null,
        },
      },
    };
  },
};
