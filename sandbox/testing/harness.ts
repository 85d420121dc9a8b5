import { expect } from "vitest";

import { type RunningSandbox, type SandboxOptions, createSandbox } from "../index";
import { issueAccessToken } from "../oauth/issue-tokens";
import { findSpecOperation } from "../spec/spec-index";
import { DEMO_APP, DEMO_APP_SCOPES } from "../seed/demo-world";

export const VERSION = {
  default: "2021-07-28",
  calendars: "2021-04-15",
  conversations: "2021-04-15",
} as const;

/** A sandbox on a free port with the demo world; close it in afterAll. */
export const startSandbox = (options: SandboxOptions & { appWebhookUrl?: string | null } = {}) =>
  createSandbox({ port: 0, seed: "test", ...options });

/** A location token for the demo app, minted directly (the OAuth flow has tests of its own). */
export const locationToken = (
  running: RunningSandbox,
  locationId: string,
  scopes: string[] = [...DEMO_APP_SCOPES],
) => {
  const location = running.sandbox.state.locations.get(locationId);
  if (!location) throw new Error(`no location ${locationId}`);
  return issueAccessToken(running.sandbox, {
    kind: "location",
    clientId: DEMO_APP.clientId,
    companyId: location.companyId,
    locationId,
    userId: "testUser000000000001",
    scopes,
  }).token;
};

export const companyToken = (
  running: RunningSandbox,
  companyId: string,
  scopes: string[] = [...DEMO_APP_SCOPES],
) =>
  issueAccessToken(running.sandbox, {
    kind: "company",
    clientId: DEMO_APP.clientId,
    companyId,
    locationId: null,
    userId: "testUser000000000001",
    scopes,
  }).token;

export type ApiResponse = {
  status: number;
  headers: Headers;
  body: unknown;
  json: Record<string, unknown>;
};

/** A tiny GHL client for tests: Bearer token, Version header, JSON in and out. */
export const client = (
  running: RunningSandbox,
  token: string | null,
  version: string = VERSION.default,
) => {
  const call = async (
    method: string,
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const url = new URL(path, running.url);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {
      accept: "application/json",
      ...(version ? { version } : {}),
      ...options.headers,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : null;
    return {
      status: response.status,
      headers: response.headers,
      body,
      json: (body ?? {}) as Record<string, unknown>,
    };
  };
  return {
    get: (path: string, query?: Record<string, string>) => call("GET", path, { query }),
    post: (path: string, body?: unknown, query?: Record<string, string>) =>
      call("POST", path, { body: body ?? {}, query }),
    put: (path: string, body?: unknown) => call("PUT", path, { body: body ?? {} }),
    delete: (path: string, body?: unknown, query?: Record<string, string>) =>
      call("DELETE", path, { body, query }),
    call,
  };
};

/**
 * Asserts a response is what the official OpenAPI spec (as patched in spec-patches.ts) says that
 * operation returns for that status, using openapi-backend's response validator.
 */
export const expectContract = async (operation: string, response: ApiResponse, status: number) => {
  const [method = "", path = ""] = operation.split(" ");
  const op = await findSpecOperation(method, path);
  if (!op) throw new Error(`${operation} is not in the specs`);
  expect(
    response.status,
    `${operation} status (body: ${JSON.stringify(response.body).slice(0, 300)})`,
  ).toBe(status);
  const result = op.backend.validateResponse(response.body, op.operation, status);
  expect(result.errors ?? [], `${operation} ${status} response does not match the spec`).toEqual(
    [],
  );
};
