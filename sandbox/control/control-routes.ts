import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";

import { ZFaultConfig } from "../core/faults";
import {
  type SandboxControl,
  ZAppPatch,
  ZInboundMessage,
  ZPitRequest,
  ZRevokeRequest,
} from "./control";

const fail = (reply: FastifyReply, error: unknown) =>
  reply.code(400).send({
    statusCode: 400,
    message: error instanceof Error ? error.message : String(error),
    error: "Bad Request",
  });

/** Runs `fn` on the parsed body; bad input is a 400 naming the problem, never a crash. */
const withBody =
  <S extends z.ZodType, R>(
    schema: S,
    fn: (input: z.infer<S>, params: Record<string, string>) => R | Promise<R>,
  ) =>
  async (request: { body: unknown; params: unknown }, reply: FastifyReply) => {
    const parsed = schema.safeParse(request.body ?? {});
    if (!parsed.success)
      return fail(
        reply,
        new Error(
          parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
        ),
      );
    try {
      return await fn(parsed.data, (request.params ?? {}) as Record<string, string>);
    } catch (error) {
      return fail(reply, error);
    }
  };

const ZEmpty = z.object({}).passthrough();

/** The control API (`/_sandbox/*`): faults, clock, tokens, stats, webhooks, seeds, snapshots. */
export const registerControlRoutes = (app: FastifyInstance, control: SandboxControl) => {
  const base = "/_sandbox";
  app.get(`${base}/health`, () => ({ status: "ok" }));
  app.get(`${base}/info`, () => control.info());
  app.get(`${base}/faults`, () => control.faults.get());
  app.put(
    `${base}/faults`,
    withBody(ZFaultConfig, (config) => {
      control.faults.set(config);
      return control.faults.get();
    }),
  );
  app.delete(`${base}/faults`, () => {
    control.faults.clear();
    return control.faults.get();
  });
  app.post(
    `${base}/clock`,
    withBody(z.strictObject({ advanceMs: z.number().int().min(0) }), ({ advanceMs }) => {
      control.clock.advance(advanceMs);
      return { now: new Date(control.clock.now()).toISOString() };
    }),
  );
  app.put(
    `${base}/rate-limit`,
    withBody(
      z.strictObject({
        burst: z.number().int().positive().optional(),
        windowMs: z.number().int().positive().optional(),
        daily: z.number().int().positive().optional(),
      }),
      (limits) => control.setRateLimit(limits),
    ),
  );
  app.patch(
    `${base}/apps/:clientId`,
    withBody(ZAppPatch, (patch, params) => control.updateApp(params.clientId, patch)),
  );
  app.post(
    `${base}/apps/:clientId/uninstall`,
    withBody(
      z.strictObject({ companyId: z.string(), locationId: z.string().nullable().default(null) }),
      (target, params) => ({
        removed: control.uninstall(params.clientId, target),
      }),
    ),
  );
  app.post(
    `${base}/pit`,
    withBody(ZPitRequest, (request) => ({ token: control.createPit(request) })),
  );
  app.post(
    `${base}/tokens/revoke`,
    withBody(ZRevokeRequest, (request) => ({ revoked: control.revokeTokens(request) })),
  );
  app.put(
    `${base}/locations/:locationId/active`,
    withBody(z.strictObject({ active: z.boolean() }), ({ active }, params) =>
      control.setLocationActive(params.locationId ?? "", active),
    ),
  );
  app.get(`${base}/stats`, () => control.stats());
  app.delete(`${base}/stats`, () => {
    control.resetStats();
    return control.stats();
  });
  app.get(`${base}/webhooks/deliveries`, (request) => {
    const query = request.query as { type?: string; locationId?: string };
    return {
      deliveries: control.webhooks.deliveries({ type: query.type, locationId: query.locationId }),
    };
  });
  app.post(`${base}/webhooks/idle`, async () => {
    await control.webhooks.idle();
    return { idle: true };
  });
  app.post(`${base}/webhooks/retry-now`, () => {
    control.webhooks.retryNow();
    return { ok: true };
  });
  app.post(
    `${base}/locations/:locationId/contacts`,
    withBody(ZEmpty, (body, params) => control.contacts.upsert(params.locationId ?? "", body)),
  );
  app.post(
    `${base}/locations/:locationId/inbound-messages`,
    withBody(ZInboundMessage, (input, params) =>
      control.messages.receive(params.locationId ?? "", input),
    ),
  );
  app.delete(`${base}/contacts/:contactId`, (request) => ({
    deleted: control.contacts.remove((request.params as { contactId: string }).contactId),
  }));
  app.post(
    `${base}/seed/scale`,
    withBody(
      z.strictObject({
        locationId: z.string().optional(),
        count: z.number().int().min(1).max(5_000_000),
      }),
      (request) => control.seedScale(request),
    ),
  );
  app.post(
    `${base}/snapshot/save`,
    withBody(z.strictObject({ path: z.string().min(1) }), ({ path }) => {
      control.snapshot.save(path);
      return { saved: path };
    }),
  );
  app.post(
    `${base}/snapshot/load`,
    withBody(z.strictObject({ path: z.string().min(1) }), ({ path }) => {
      control.snapshot.load(path);
      return { loaded: path };
    }),
  );
  app.post(`${base}/reset`, () => {
    control.reset();
    return { reset: true };
  });
};
