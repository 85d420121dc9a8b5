import type { Inngest } from "inngest";

import { getDb } from "../db/client";
import type { Db } from "../db/types";
import { type Env, getEnv } from "../env";
import { publishLocally } from "../events/hub-events";
import { type GhlRuntime, getGhlRuntime } from "../ghl/runtime";
import { webhookReceived } from "../inngest/events";
import { log } from "../log";
import { getMetrics } from "../metrics/registry";
import { markDispatched } from "../webhooks/inbox.repo";
import { createInboxWriter } from "../webhooks/inbox-writer";
import { type IntakeConfig, type IntakeDeps, handleGhlWebhook } from "../webhooks/intake";
import { createIntakePressure } from "../webhooks/intake-pressure";
import { createIntakeTally } from "../webhooks/intake-tally";
import { type LocalWorker, createLocalWorker } from "../webhooks/local-worker";
import { type WebhookKeys, parsePublicKeys } from "../webhooks/signatures";
import { type DispatchRow, pruneInbox, queueDepth } from "../webhooks/sweep";

export type WebhookPipeline = {
  driver: "inngest" | "local";
  intake: IntakeDeps;
  /** The webhook routes' entry: intake, counted so the local worker can give way to it. */
  receive: (request: Request, options?: { pathLocationId?: string }) => Promise<Response>;
  /** The in-process worker (local driver only). */
  worker: LocalWorker | null;
  /**
   * Hands stored rows to the processor. `idSuffix` makes a new Inngest event id for a retry or
   * replay (a repeated id is dropped by Inngest for 24 hours). Never throws: the row stays
   * `received` and the sweep sends it again.
   */
  dispatch: (rows: DispatchRow[], idSuffix?: string) => Promise<void>;
  stop: () => Promise<void>;
};

export type PipelineOptions = {
  db: Db;
  driver: "inngest" | "local";
  keys: WebhookKeys;
  intake: IntakeConfig;
  ghl: () => Promise<GhlRuntime>;
  inngest?: Pick<Inngest.Any, "send">;
  worker?: {
    leaseMs?: number;
    retryBaseMs?: number;
    pollMs?: number;
    concurrency?: number;
    /** false: tests drive the worker with `drain()`. */
    autoStart?: boolean;
  };
  retentionDays?: number;
};

export const locationKeyOf = (row: DispatchRow) => row.ghlLocationId ?? "agency";

/** Wires intake, the inbox writer and one driver from explicit parts (tests) or from env. */
export const createWebhookPipeline = (options: PipelineOptions): WebhookPipeline => {
  const { db, driver } = options;
  const metrics = getMetrics();
  const tally = createIntakeTally(db);
  metrics.setQueueDepthSource(() => queueDepth(db));
  const pressure = createIntakePressure();

  const worker =
    driver === "local"
      ? createLocalWorker({
          db,
          ghl: options.ghl,
          publish: publishLocally,
          yieldTo: pressure.pressed,
          ...options.worker,
          onResult: (event, result) => {
            metrics.webhooksProcessed.inc({ status: result.status });
            if (result.status === "processed")
              metrics.webhookLatency.observe((Date.now() - event.receivedAt.getTime()) / 1000);
          },
        })
      : null;

  const dispatch = async (rows: DispatchRow[], idSuffix = "") => {
    if (rows.length === 0) return;
    if (worker) return worker.notify();
    try {
      if (!options.inngest) throw new Error("the Inngest driver needs an Inngest client");
      await options.inngest.send(
        rows.map((row) =>
          webhookReceived.create(
            { inboxId: row.id, locationKey: locationKeyOf(row) },
            { id: `ghl-wh:${row.id}${idSuffix}` },
          ),
        ),
      );
      await markDispatched(
        db,
        rows.map((row) => row.id),
      );
    } catch (error) {
      log.warn(
        { err: error, rows: rows.length },
        "could not hand webhooks to Inngest; the sweep will retry",
      );
    }
  };

  const inbox = createInboxWriter({ db, onInserted: (rows) => void dispatch(rows) });

  // The local driver's housekeeping; with Inngest, the sweep cron does it.
  const prune = worker
    ? setInterval(
        () =>
          void pruneInbox(db, options.retentionDays ?? 30).catch((error: unknown) =>
            log.warn({ err: error }, "pruning the webhook inbox failed"),
          ),
        60 * 60_000,
      )
    : null;
  prune?.unref();
  if (options.worker?.autoStart !== false) worker?.start();

  const intake: IntakeDeps = {
    keys: () => options.keys,
    inbox,
    config: options.intake,
    count: (outcome) => {
      metrics.webhooksReceived.inc({ outcome });
      tally.add(outcome);
    },
  };

  return {
    driver,
    worker,
    dispatch,
    intake,
    receive: (request, receiveOptions) => {
      pressure.received();
      return handleGhlWebhook(request, intake, receiveOptions);
    },
    stop: async () => {
      if (prune) clearInterval(prune);
      pressure.stop();
      await worker?.stop();
      await tally.flush();
    },
  };
};

export const webhookKeysFromEnv = (env: Env): WebhookKeys => ({
  ed25519: parsePublicKeys(env.GHL_WEBHOOK_ED25519_PUBLIC_KEY, "ed25519"),
  rsa: parsePublicKeys(env.GHL_WEBHOOK_RSA_PUBLIC_KEY, "rsa"),
  rsaCutoff: new Date(env.GHL_WEBHOOK_RSA_CUTOFF),
});

export const intakeConfigFromEnv = (env: Env): IntakeConfig => ({
  maxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
  readTimeoutMs: 10_000,
  toleranceMs: env.WEBHOOK_TOLERANCE_SECONDS * 1000,
  retryAfterSeconds: 60,
});

// One pipeline per process: Next loads route modules in several bundles.
const store = globalThis as typeof globalThis & { __ghlhubWebhooks?: Promise<WebhookPipeline> };

export const getWebhookPipeline = (): Promise<WebhookPipeline> => {
  store.__ghlhubWebhooks ??= (async () => {
    const env = getEnv();
    const db = await getDb();
    const inngest =
      env.backgroundDriver === "inngest" ? (await import("../inngest/client")).inngest : undefined;
    return createWebhookPipeline({
      db,
      driver: env.backgroundDriver,
      keys: webhookKeysFromEnv(env),
      intake: intakeConfigFromEnv(env),
      ghl: getGhlRuntime,
      inngest,
      worker: { leaseMs: env.WEBHOOK_LEASE_MS, retryBaseMs: env.WEBHOOK_RETRY_BASE_MS },
      retentionDays: env.WEBHOOK_RETENTION_DAYS,
    });
  })();
  store.__ghlhubWebhooks.catch(() => {
    store.__ghlhubWebhooks = undefined;
  });
  return store.__ghlhubWebhooks;
};
