import { z } from "zod";

import { type Sandbox, maxInWindow } from "../context";
import { type FaultConfig, applyFaults, describeFaults } from "../core/faults";
import { issueAccessToken } from "../oauth/issue-tokens";
import { uninstallApp } from "../oauth/installations";
import {
  createContact,
  deleteContact,
  fieldsFrom,
  updateContact,
} from "../routes/contacts/contact-service";
import { renderContact } from "../routes/contacts/render";
import { renderMessage } from "../routes/conversations/render";
import { receiveInboundMessage } from "../routes/conversations/send";
import { seedScaleContacts } from "../seed/contacts";
import { DEMO_APP_SCOPES } from "../seed/demo-world";
import { loadSnapshot, saveSnapshot } from "./snapshot";

export const ZAppPatch = z.strictObject({
  webhookUrl: z.url().nullable().optional(),
  redirectUris: z.array(z.url()).optional(),
  scopes: z.array(z.string()).optional(),
});

export const ZPitRequest = z.strictObject({
  locationId: z.string().optional(),
  companyId: z.string().optional(),
  scopes: z.array(z.string()).optional(),
});

export const ZInboundMessage = z.strictObject({
  contactId: z.string().min(1),
  type: z.enum(["SMS", "Email"]),
  body: z.string().min(1),
  subject: z.string().optional(),
});

export const ZRevokeRequest = z.strictObject({
  token: z.string().optional(),
  locationId: z.string().optional(),
  companyId: z.string().optional(),
  refreshTokens: z.boolean().default(true),
});

/**
 * What tests, benchmarks and people use to steer the sandbox. The HTTP control API under
 * `/_sandbox/` and the in-process handle both call these.
 */
export const createControl = (sandbox: Sandbox, reset: () => void) => {
  const { state } = sandbox;

  const appOrThrow = (clientId?: string) => {
    const app = clientId ? state.apps.get(clientId) : [...state.apps.values()][0];
    if (!app) throw new Error(`unknown app ${clientId ?? "(none registered)"}`);
    return app;
  };

  return {
    info: () => ({
      baseUrl: sandbox.baseUrl(),
      oauth: {
        authorizeUrl: `${sandbox.baseUrl()}/v2/oauth/chooselocation`,
        tokenUrl: `${sandbox.baseUrl()}/oauth/token`,
      },
      webhookPublicKeys: {
        ed25519: sandbox.keys.ed25519.publicKey,
        rsa: sandbox.keys.rsa.publicKey,
      },
      apps: [...state.apps.values()].map((a) => ({ ...a })),
      companies: [...state.companies.values()].map((c) => ({
        id: c.id,
        name: c.name,
        locations: [...state.locations.values()]
          .filter((l) => l.companyId === c.id)
          .map((l) => ({
            id: l.id,
            name: l.name,
            active: l.active,
            contacts: state.contacts.count(l.id),
          })),
      })),
      rateLimit: sandbox.options.rateLimit,
      clockOffsetMs: sandbox.clock.offset(),
    }),

    faults: {
      get: () => describeFaults(sandbox.faults, sandbox.clock.now()),
      set: (config: FaultConfig) =>
        applyFaults(sandbox.faults, config, sandbox.clock.now(), sandbox.options.seed),
      clear: () => applyFaults(sandbox.faults, {}, sandbox.clock.now(), sandbox.options.seed),
    },

    clock: {
      advance: (ms: number) => sandbox.clock.advance(ms),
      now: () => sandbox.clock.now(),
    },

    setRateLimit: (limits: Partial<Sandbox["options"]["rateLimit"]>) => {
      Object.assign(sandbox.options.rateLimit, limits);
      sandbox.limiter.reset();
      return sandbox.options.rateLimit;
    },

    updateApp: (clientId: string | undefined, patch: z.infer<typeof ZAppPatch>) => {
      const app = appOrThrow(clientId);
      if (patch.webhookUrl !== undefined) app.webhookUrl = patch.webhookUrl;
      if (patch.redirectUris)
        app.redirectUris = [...new Set([...app.redirectUris, ...patch.redirectUris])];
      if (patch.scopes) app.scopes = patch.scopes;
      return { ...app };
    },

    /** A Private Integration Token: static, scoped, no refresh (REFERENCE §1.4). */
    createPit: (request: z.infer<typeof ZPitRequest>) => {
      const location = request.locationId ? state.locations.get(request.locationId) : undefined;
      if (request.locationId && !location)
        throw new Error(`unknown location ${request.locationId}`);
      const companyId = location?.companyId ?? request.companyId;
      if (!companyId || !state.companies.has(companyId))
        throw new Error("a PIT needs a locationId or a companyId");
      const user = [...state.users.values()].find((u) => u.companyId === companyId);
      return issueAccessToken(
        sandbox,
        {
          kind: location ? "location" : "company",
          clientId: null,
          companyId,
          locationId: location?.id ?? null,
          userId: user?.id ?? companyId,
          scopes: request.scopes ?? [...DEMO_APP_SCOPES],
        },
        { pit: true },
      ).token;
    },

    /** Revokes access (and refresh) tokens, as an uninstall or a password reset would. */
    revokeTokens: (request: z.infer<typeof ZRevokeRequest>) => {
      let count = 0;
      const tokens = [
        ...state.accessTokens.values(),
        ...(request.refreshTokens ? state.refreshTokens.values() : []),
      ];
      for (const token of tokens) {
        const hit =
          token.token === request.token ||
          (request.locationId !== undefined && token.locationId === request.locationId) ||
          (request.companyId !== undefined && token.companyId === request.companyId);
        if (hit && !token.revoked) {
          token.revoked = true;
          count++;
        }
      }
      return count;
    },

    setLocationActive: (locationId: string, active: boolean) => {
      const location = state.locations.get(locationId);
      if (!location) throw new Error(`unknown location ${locationId}`);
      location.active = active;
      return { id: location.id, active };
    },

    uninstall: (
      clientId: string | undefined,
      target: { companyId: string; locationId: string | null },
    ) => uninstallApp(sandbox, appOrThrow(clientId), target),

    stats: () => ({
      tokenEndpoint: { ...sandbox.stats.tokenEndpoint },
      locationTokenCalls: sandbox.stats.locationTokenCalls,
      requests: sandbox.stats.requests,
      byKey: [...sandbox.stats.requestTimes].map(([key, times]) => ({
        key,
        requests: times.length,
        maxInWindow: maxInWindow(times, sandbox.options.rateLimit.windowMs),
      })),
    }),

    resetStats: () => {
      sandbox.stats.tokenEndpoint = { authorization_code: 0, refresh_token: 0, failed: 0 };
      sandbox.stats.locationTokenCalls = 0;
      sandbox.stats.requests = 0;
      sandbox.stats.requestTimes.clear();
    },

    webhooks: {
      deliveries: (filter: { type?: string; locationId?: string } = {}) =>
        sandbox.webhooks
          .deliveries()
          .filter(
            (d) =>
              (!filter.type || d.type === filter.type) &&
              (!filter.locationId || d.locationId === filter.locationId),
          ),
      idle: () => sandbox.webhooks.idle(),
      retryNow: () => sandbox.webhooks.retryNow(),
    },

    /** Changes made "in GHL's own UI": they emit webhooks exactly as API writes do. */
    contacts: {
      upsert: (locationId: string, body: Record<string, unknown>) => {
        const location = state.locations.get(locationId);
        if (!location) throw new Error(`unknown location ${locationId}`);
        const id = typeof body.id === "string" ? body.id : undefined;
        const existing = id ? state.contacts.get(id) : undefined;
        if (existing && existing.locationId === location.id) {
          return renderContact(
            updateContact(
              sandbox,
              location,
              existing,
              fieldsFrom(sandbox, location, body, existing),
            ),
          );
        }
        return renderContact(createContact(sandbox, location, body, { allowDuplicate: true }));
      },
      remove: (contactId: string) => {
        const contact = state.contacts.get(contactId);
        if (!contact) return false;
        deleteContact(sandbox, contact);
        return true;
      },
    },

    /** A contact writes in: InboundMessage and ConversationUnreadUpdate, as a real reply would. */
    messages: {
      receive: (locationId: string, input: z.infer<typeof ZInboundMessage>) =>
        renderMessage(receiveInboundMessage(sandbox, locationId, input).message),
    },

    seedScale: (request: { locationId?: string; count: number }) => {
      const started = performance.now();
      let locationId = request.locationId;
      if (!locationId) {
        const company = [...state.companies.values()][0];
        if (!company) throw new Error("seed a company first");
        locationId = "ScaleTestLocation001";
        if (!state.locations.has(locationId)) {
          state.locations.set(locationId, {
            id: locationId,
            companyId: company.id,
            name: "Scale Test Location",
            email: "scale@example.test",
            phone: "",
            address: "",
            city: "",
            state: "",
            country: "US",
            postalCode: "",
            website: "",
            timezone: "UTC",
            settings: {
              allowDuplicateContact: false,
              allowDuplicateOpportunity: true,
              allowFacebookNameMerge: false,
              disableContactTimezone: false,
            },
            active: true,
            dateAdded: sandbox.clock.now(),
          });
        }
      }
      const count = seedScaleContacts(sandbox, locationId, request.count, sandbox.clock.now());
      return {
        locationId,
        count,
        ms: Math.round(performance.now() - started),
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      };
    },

    snapshot: {
      save: (file: string) => saveSnapshot(sandbox, file),
      load: (file: string) => {
        Object.assign(state, loadSnapshot(file));
        sandbox.limiter.reset();
      },
    },

    reset,
  };
};

export type SandboxControl = ReturnType<typeof createControl>;
