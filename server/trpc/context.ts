import { randomUUID } from "node:crypto";

import type { WebhookPipeline } from "../background/webhook-pipeline";
import type { Db } from "../db/types";
import { type GhlRuntime, getGhlRuntime } from "../ghl/runtime";
import { log } from "../log";

export type SessionUser = { id?: string; email?: string | null; name?: string | null };
export type Session = { user?: SessionUser | null } | null;

/** What the API needs of the webhook pipeline: handing requeued events to the processor. */
export type WebhooksProvider = () => Promise<{ dispatch: WebhookPipeline["dispatch"] }>;

// Loaded on first use: most requests never touch the pipeline.
const defaultWebhooks: WebhooksProvider = async () =>
  (await import("../background/webhook-pipeline")).getWebhookPipeline();

/** Filled in by the tenancy middleware so the audit middleware, which runs outside it, can read it. */
export type AuditScope = { agencyId: string | null; locationId: string | null };

const header = (headers: Headers, name: string, max = 200) =>
  headers.get(name)?.slice(0, max) ?? null;

/** Context from plain values, so tests build it without Next or Auth.js. */
export const createContextInner = ({
  db,
  session,
  headers,
  ghl = getGhlRuntime,
  webhooks = defaultWebhooks,
}: {
  db: Db;
  session: Session;
  headers: Headers;
  /** The GHL layer, built on first use (tests pass one pointed at a sandbox). */
  ghl?: () => Promise<GhlRuntime>;
  /** The webhook pipeline (tests pass theirs, to drain its worker). */
  webhooks?: WebhooksProvider;
}) => {
  const requestId = header(headers, "x-request-id", 64) ?? randomUUID();
  return {
    db,
    session,
    headers,
    ghl,
    webhooks,
    request: {
      requestId,
      ip: header(headers, "x-forwarded-for")?.split(",")[0]?.trim() ?? header(headers, "x-real-ip"),
      userAgent: header(headers, "user-agent"),
    },
    auditScope: { agencyId: null, locationId: null } as AuditScope,
    log: log.child({ requestId }),
  };
};

export type Context = ReturnType<typeof createContextInner>;
