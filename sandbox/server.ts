import Fastify, { type FastifyError, type FastifyInstance } from "fastify";

import type { Sandbox } from "./context";
import type { SandboxControl } from "./control/control";
import { registerControlRoutes } from "./control/control-routes";
import { registerApiRoute, type RouteTable } from "./core/api-route";
import { registerConsentPage } from "./oauth/consent-page";
import { registerTokenRoute } from "./oauth/token-route";
import { ROUTE_TABLES } from "./routes";
import { type SpecOperation, loadSpecOperations } from "./spec/spec-index";

const parseForm = (body: string) => {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = out[key];
    out[key] = existing === undefined ? value : [existing, value].flat();
  }
  return out;
};

/** Every handler must implement an operation of the official specs, or startup fails. */
const matchHandlers = (operations: SpecOperation[], tables: RouteTable[]) => {
  const byKey = new Map(operations.map((op) => [`${op.method} ${op.path}`, op]));
  const served: { op: SpecOperation; handler: RouteTable[string] }[] = [];
  for (const table of tables) {
    for (const [key, handler] of Object.entries(table)) {
      const op = byKey.get(key);
      if (!op) throw new Error(`sandbox route "${key}" is not an operation of the GHL specs`);
      served.push({ op, handler });
    }
  }
  return served;
};

export type ServedOperation = { method: string; path: string; operationId: string; file: string };

export const buildServer = async (sandbox: Sandbox, control: SandboxControl) => {
  const app: FastifyInstance = Fastify({
    logger: sandbox.options.logRequests ? { level: "info" } : false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    bodyLimit: 10 * 1024 * 1024,
  });

  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      done(null, parseForm(typeof body === "string" ? body : body.toString("utf8")));
    },
  );

  // NestJS-style answers for malformed bodies and unknown routes, as GHL gives them.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    void reply.code(status).send({
      statusCode: status,
      message: error.message,
      error: status === 413 ? "Payload Too Large" : "Bad Request",
    });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      statusCode: 404,
      message: `Cannot ${request.method} ${request.url.split("?")[0]}`,
      error: "Not Found",
    });
  });

  const operations = await loadSpecOperations();
  const tokenOp = operations.find((op) => op.method === "POST" && op.path === "/oauth/token");
  if (!tokenOp) throw new Error("the OAuth spec has no POST /oauth/token");
  registerTokenRoute(app, sandbox, tokenOp);
  registerConsentPage(app, sandbox);
  registerControlRoutes(app, control);

  const served = matchHandlers(operations, ROUTE_TABLES);
  for (const { op, handler } of served) registerApiRoute(app, sandbox, op, handler);

  const servedOperations: ServedOperation[] = [
    { method: "POST", path: "/oauth/token", operationId: tokenOp.operationId, file: tokenOp.file },
    ...served.map(({ op }) => ({
      method: op.method,
      path: op.path,
      operationId: op.operationId,
      file: op.file,
    })),
  ];
  return { app, servedOperations };
};
