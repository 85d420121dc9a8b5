import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";

import type { Sandbox } from "../context";
import type { App, Company, Location } from "../store/types";
import { installApp } from "./installations";

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

const ZAuthorizeQuery = z.object({
  response_type: z.literal("code"),
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  scope: z.string().optional(),
  state: z.string().max(2000).optional(),
  user_type: z.enum(["Company", "Location"]).optional(),
  version_id: z.string().optional(),
  companyId: z.string().optional(),
});

const ZDecision = ZAuthorizeQuery.extend({
  decision: z.enum(["allow", "deny"]),
  companyId: z.string().min(1),
  location: z.union([z.string(), z.array(z.string())]).optional(),
  agency: z.literal("on").optional(),
  future: z.literal("on").optional(),
});

type AuthorizeQuery = z.infer<typeof ZAuthorizeQuery>;

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;padding:40px 16px}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:10px;padding:28px;box-shadow:0 1px 3px #0002}
h1{font-size:20px;margin:0 0 4px} .muted{color:#475569;font-size:14px} ul{padding-left:20px}
fieldset{border:1px solid #e2e8f0;border-radius:8px;margin:16px 0;padding:12px 16px} legend{font-weight:600;padding:0 6px}
label{display:block;padding:6px 0} .actions{display:flex;gap:12px;margin-top:20px}
button{font:inherit;padding:9px 18px;border-radius:6px;border:1px solid #cbd5e1;background:#fff;cursor:pointer}
button.primary{background:#155eef;border-color:#155eef;color:#fff} .error{background:#fef2f2;color:#991b1b;padding:8px 12px;border-radius:6px}
.badge{font-size:12px;background:#fef3c7;color:#92400e;border-radius:4px;padding:2px 6px}
</style></head><body><main>${body}</main></body></html>`;

const redirectWith = (redirectUri: string, params: Record<string, string | undefined>) => {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
};

const hidden = (query: AuthorizeQuery) =>
  (
    [
      "response_type",
      "client_id",
      "redirect_uri",
      "scope",
      "state",
      "user_type",
      "version_id",
    ] as const
  )
    .map((key) =>
      query[key] === undefined
        ? ""
        : `<input type="hidden" name="${key}" value="${escape(query[key])}">`,
    )
    .join("");

const render = (
  app: App,
  query: AuthorizeQuery,
  companies: Company[],
  company: Company,
  locations: Location[],
  error?: string,
) => {
  const scopes = (query.scope ?? app.scopes.join(" ")).split(" ").filter(Boolean);
  const switcher =
    companies.length > 1
      ? `<p class="muted">Agency: ${companies
          .map((c) => {
            const url = `?${new URLSearchParams({ ...query, companyId: c.id }).toString()}`;
            return c.id === company.id
              ? `<strong>${escape(c.name)}</strong>`
              : `<a href="${escape(url)}">${escape(c.name)}</a>`;
          })
          .join(" · ")}</p>`
      : "";
  return page(
    `Connect ${app.name}`,
    `<p><span class="badge">GHL Sandbox</span></p>
<h1>${escape(app.name)} wants to connect to ${escape(company.name)}</h1>
<p class="muted">Signed in to the sandbox as the agency admin of ${escape(company.name)}.</p>${switcher}
<p>It asks for:</p><ul>${scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join("")}</ul>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}
<form method="post">${hidden(query)}<input type="hidden" name="companyId" value="${escape(company.id)}">
<fieldset><legend>Sub-accounts</legend>
${locations
  .map(
    (l) =>
      `<label><input type="checkbox" name="location" value="${escape(l.id)}"> ${escape(l.name)}${l.active ? "" : " (inactive)"}</label>`,
  )
  .join("")}
</fieldset>
<label><input type="checkbox" name="agency"> Install for the whole agency (agency token)</label>
<label><input type="checkbox" name="future"> Also install on sub-accounts created later</label>
<div class="actions"><button class="primary" type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></div></form>`,
  );
};

const failPage = (reply: FastifyReply, message: string) =>
  reply
    .code(400)
    .type("text/html")
    .send(
      page(
        "Cannot connect",
        `<h1>Cannot connect</h1><p class="error" role="alert">${escape(message)}</p>`,
      ),
    );

/** Checks the client and redirect URI before anything else: a bad redirect must never be followed. */
const resolveApp = (sandbox: Sandbox, query: AuthorizeQuery) => {
  const app = sandbox.state.apps.get(query.client_id);
  if (!app)
    return {
      ok: false,
      error: "Unknown client_id: no app with this id is registered in the sandbox.",
    } as const;
  if (!app.redirectUris.includes(query.redirect_uri)) {
    return {
      ok: false,
      error: `redirect_uri ${query.redirect_uri} is not registered for ${app.name}.`,
    } as const;
  }
  const extra = (query.scope ?? "").split(" ").filter((s) => s && !app.scopes.includes(s));
  if (extra.length > 0)
    return {
      ok: false,
      error: `The app may not request these scopes: ${extra.join(", ")}`,
    } as const;
  return { ok: true, app } as const;
};

/** The marketplace consent page (`/v2/oauth/chooselocation`): a person picks what to install. */
export const registerConsentPage = (app: FastifyInstance, sandbox: Sandbox) => {
  const companies = () => [...sandbox.state.companies.values()];
  const locationsOf = (companyId: string) =>
    [...sandbox.state.locations.values()].filter((l) => l.companyId === companyId);

  const show = async (query: unknown, reply: FastifyReply) => {
    const parsed = ZAuthorizeQuery.safeParse(query);
    if (!parsed.success)
      return failPage(
        reply,
        `Invalid authorization request: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`,
      );
    const resolved = resolveApp(sandbox, parsed.data);
    if (!resolved.ok) return failPage(reply, resolved.error);
    const company = companies().find((c) => c.id === parsed.data.companyId) ?? companies()[0];
    if (!company) return failPage(reply, "The sandbox has no agency to install into.");
    return reply
      .type("text/html")
      .send(render(resolved.app, parsed.data, companies(), company, locationsOf(company.id)));
  };

  for (const path of ["/v2/oauth/chooselocation", "/oauth/chooselocation"]) {
    app.get(path, (request, reply) => show(request.query, reply));
    app.post(path, async (request, reply) => {
      const parsed = ZDecision.safeParse(request.body);
      if (!parsed.success) return failPage(reply, "Invalid consent form submission.");
      const decision = parsed.data;
      const resolved = resolveApp(sandbox, decision);
      if (!resolved.ok) return failPage(reply, resolved.error);
      if (decision.decision === "deny") {
        return reply.redirect(
          redirectWith(decision.redirect_uri, { error: "access_denied", state: decision.state }),
          302,
        );
      }
      const company = sandbox.state.companies.get(decision.companyId);
      if (!company) return failPage(reply, "Unknown agency.");
      const locations = locationsOf(company.id);
      const picked = [decision.location ?? []]
        .flat()
        .filter((id) => locations.some((l) => l.id === id));
      const agencyLevel =
        decision.agency === "on" || decision.user_type === "Company" || picked.length > 1;
      // An agency-level install with no sub-account picked approves them all.
      const chosen = agencyLevel && picked.length === 0 ? locations.map((l) => l.id) : picked;
      if (chosen.length === 0 && !agencyLevel) {
        return reply
          .type("text/html")
          .send(
            render(
              resolved.app,
              decision,
              companies(),
              company,
              locations,
              "Choose at least one sub-account.",
            ),
          );
      }
      const admin = [...sandbox.state.users.values()].find(
        (u) => u.companyId === company.id && u.type === "agency" && u.role === "admin",
      );
      const userId = admin?.id ?? company.id;
      installApp(sandbox, {
        app: resolved.app,
        companyId: company.id,
        locationIds: chosen,
        userId,
        companyLevel: agencyLevel,
        installToFutureLocations: decision.future === "on",
      });
      const code = sandbox.ids.secret(40);
      sandbox.state.codes.set(code, {
        code,
        clientId: resolved.app.clientId,
        redirectUri: decision.redirect_uri,
        scopes: (decision.scope ?? resolved.app.scopes.join(" ")).split(" ").filter(Boolean),
        kind: agencyLevel ? "company" : "location",
        companyId: company.id,
        locationIds: chosen,
        userId,
        installToFutureLocations: decision.future === "on",
        expiresAt: sandbox.clock.now() + sandbox.options.authCodeTtlSeconds * 1000,
        used: false,
      });
      return reply.redirect(
        redirectWith(decision.redirect_uri, { code, state: decision.state }),
        302,
      );
    });
  }
};
