import type { AddressInfo } from "node:net";

import { type ResolvedOptions, type SandboxOptions, ZSandboxOptions } from "./config";
import { type Sandbox, emptyStats } from "./context";
import { type SandboxControl, createControl } from "./control/control";
import { loadSnapshot } from "./control/snapshot";
import { createClock } from "./core/clock";
import { noFaults } from "./core/faults";
import { createIds } from "./core/ids";
import { createRandom } from "./core/random";
import { createRateLimiter } from "./core/rate-limiter";
import { seedApp, seedDemoWorld } from "./seed/seed-world";
import "./seed/register-seeders";
import { type ServedOperation, buildServer } from "./server";
import { createState } from "./store/state";
import { createDispatcher } from "./webhooks/dispatcher";
import { createSigner, generateWebhookKeys } from "./webhooks/keys";
import { resolveTargets } from "./webhooks/targets";

export type { SandboxOptions } from "./config";
export type { SandboxControl } from "./control/control";

export type RunningSandbox = {
  /** Base URL of the API, the consent page and the control API, e.g. http://127.0.0.1:4010. */
  url: string;
  control: SandboxControl;
  /** The operations of the official specs this sandbox serves. */
  servedOperations: ServedOperation[];
  /** Direct access to the world, for tests that need to look inside. */
  sandbox: Sandbox;
  close: () => Promise<void>;
};

const seed = (sandbox: Sandbox, options: ResolvedOptions, webhookUrl: string | null) => {
  if (options.snapshotPath) {
    Object.assign(sandbox.state, loadSnapshot(options.snapshotPath));
    return;
  }
  seedApp(sandbox, webhookUrl);
  if (options.demo) seedDemoWorld(sandbox);
};

/**
 * Starts a GoHighLevel API v2 emulator: OAuth, rate limits, signed webhooks, fault injection and
 * the demo agencies. In-process for tests (`port: 0`), or from `npm run sandbox`.
 */
export const createSandbox = async (
  input: SandboxOptions & { appWebhookUrl?: string | null } = {},
): Promise<RunningSandbox> => {
  const options = ZSandboxOptions.parse(input);
  const keys = options.keys ?? generateWebhookKeys();
  const clock = createClock();
  const random = createRandom(options.seed);
  let baseUrl = `http://${options.host}:${options.port}`;
  const state = createState();
  const faults = noFaults(options.seed);
  const ids = createIds(random);
  const sandbox: Sandbox = {
    options,
    state,
    clock,
    random,
    ids,
    faults,
    limiter: createRateLimiter(options.rateLimit),
    webhooks: createDispatcher({
      options: options.webhooks,
      clock,
      ids,
      faults,
      signer: createSigner(keys),
      targets: resolveTargets(state),
    }),
    keys,
    stats: emptyStats(),
    emit: (event) => sandbox.webhooks.emit(event),
    baseUrl: () => baseUrl,
  };
  const webhookUrl = input.appWebhookUrl ?? null;
  seed(sandbox, options, webhookUrl);

  const reset = () => {
    const fresh = createRandom(options.seed);
    sandbox.random = fresh;
    sandbox.ids = createIds(fresh);
    Object.assign(sandbox.state, createState());
    sandbox.limiter.reset();
    sandbox.stats = emptyStats();
    seed(sandbox, options, webhookUrl);
  };
  const control = createControl(sandbox, reset);
  const { app, servedOperations } = await buildServer(sandbox, control);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address() as AddressInfo;
  baseUrl = `http://${options.host}:${address.port}`;

  return {
    url: baseUrl,
    control,
    servedOperations,
    sandbox,
    close: async () => {
      sandbox.webhooks.close();
      await app.close();
    },
  };
};
