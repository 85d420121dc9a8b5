import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import addFormats from "ajv-formats";
import { OpenAPIBackend, type Operation } from "openapi-backend";

import { SPEC_PATCHES, type SpecDocument } from "./spec-patches";

const SPEC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "openapi");
const COMMON_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "common",
  "common-schemas.json",
);
const COMMON_REF = "../common/common-schemas.json";

export type TokenKind = "location" | "company";

/** One alternative of an operation's `security` list: which tokens, with which scopes. */
export type SecurityRequirement = {
  scheme: string;
  kinds: TokenKind[];
  /** Private Integration Tokens are refused by the `*-Only` schemes. */
  allowsPit: boolean;
  scopes: string[];
};

export type SpecOperation = {
  file: string;
  operationId: string;
  method: string;
  /** OpenAPI path, e.g. `/contacts/{contactId}`. */
  path: string;
  /** The same path in router syntax, e.g. `/contacts/:contactId`. */
  routePath: string;
  /** Accepted `Version` header values, or null when the operation declares none. */
  versions: string[] | null;
  security: SecurityRequirement[];
  backend: OpenAPIBackend;
  operation: Operation;
};

const SCHEMES: Record<string, Omit<SecurityRequirement, "scopes" | "scheme">> = {
  bearer: { kinds: ["location"], allowsPit: true },
  "Location-Access": { kinds: ["location"], allowsPit: true },
  "Location-Access-Only": { kinds: ["location"], allowsPit: false },
  "Agency-Access": { kinds: ["company"], allowsPit: true },
  "Agency-Access-Only": { kinds: ["company"], allowsPit: false },
};

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null;

/**
 * Makes a spec self-contained and loadable: shared error schemas are inlined (the files refer to
 * `../common/common-schemas.json`), and `nullable` without `type` (which JSON Schema validators
 * reject) becomes an explicit "or null".
 */
const normalise = (node: Json): void => {
  if (Array.isArray(node)) {
    node.forEach(normalise);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === "string" && node.$ref.startsWith(COMMON_REF))
    node.$ref = node.$ref.slice(COMMON_REF.length);
  if (node.nullable === true && node.type === undefined) {
    const rest = { ...node };
    delete rest.nullable;
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [rest, { enum: [null] }];
  }
  for (const value of Object.values(node)) normalise(value);
};

const toRoutePath = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ":$1");

const versionsOf = (operation: Operation): string[] | null => {
  const header = (operation.parameters ?? []).find(
    (p) =>
      isObject(p) &&
      "in" in p &&
      p.in === "header" &&
      typeof p.name === "string" &&
      p.name.toLowerCase() === "version",
  );
  if (!header || !("schema" in header) || !isObject(header.schema)) return null;
  const values = header.schema.enum;
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === "string") : null;
};

const securityOf = (operation: Operation, document: SpecDocument): SecurityRequirement[] => {
  const list = operation.security ?? document.security ?? [];
  return list.flatMap((alternative) =>
    Object.entries(alternative).flatMap(([scheme, scopes]) => {
      const kind = SCHEMES[scheme];
      return kind ? [{ scheme, ...kind, scopes: [...scopes] }] : [];
    }),
  );
};

let cached: Promise<SpecOperation[]> | undefined;

/**
 * Every operation of the official GHL specs this sandbox serves, with its `Version` values and
 * security. Validators compile lazily, on the first request to each operation.
 */
export const loadSpecOperations = (): Promise<SpecOperation[]> => (cached ??= load());

/** The spec files, each made self-contained and with the documented defects patched. */
export const specFiles = () =>
  readdirSync(SPEC_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();

export const loadPatchedSpec = (file: string): SpecDocument => {
  const common = JSON.parse(readFileSync(COMMON_FILE, "utf8")) as Pick<SpecDocument, "components">;
  const document = JSON.parse(readFileSync(path.join(SPEC_DIR, file), "utf8")) as SpecDocument;
  document.components = {
    ...document.components,
    schemas: { ...common.components?.schemas, ...document.components?.schemas },
  };
  normalise(document);
  for (const patch of SPEC_PATCHES) if (patch.file === file) patch.apply(document);
  return document;
};

const load = async (): Promise<SpecOperation[]> => {
  const operations: SpecOperation[] = [];
  for (const file of specFiles()) {
    const document = loadPatchedSpec(file);
    const backend = new OpenAPIBackend<SpecDocument>({
      definition: document,
      quick: true,
      validate: true,
      strict: false,
      ignoreTrailingSlashes: true,
      ajvOpts: { allErrors: true },
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
    await backend.init();
    for (const operation of backend.getOperations()) {
      operations.push({
        file,
        operationId: operation.operationId ?? `${operation.method} ${operation.path}`,
        method: operation.method.toUpperCase(),
        path: operation.path,
        routePath: toRoutePath(operation.path),
        versions: versionsOf(operation),
        security: securityOf(operation, document),
        backend,
        operation,
      });
    }
  }
  return operations;
};

export const findSpecOperation = async (method: string, openApiPath: string) =>
  (await loadSpecOperations()).find(
    (op) => op.method === method.toUpperCase() && op.path === openApiPath,
  );
