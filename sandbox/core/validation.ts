import type { SpecOperation } from "../spec/spec-index";

/** The part of an AJV error we read (openapi-backend bundles its own AJV). */
type ErrorObject = {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
};

const TYPE_MESSAGES: Record<string, string> = {
  string: "must be a string",
  number: "must be a number conforming to the specified constraints",
  integer: "must be an integer number",
  boolean: "must be a boolean value",
  array: "must be an array",
  object: "must be an object",
};

const fieldOf = (error: ErrorObject) => {
  const parts = error.instancePath.split("/").slice(2);
  if (error.keyword === "required" && typeof error.params.missingProperty === "string") {
    parts.push(error.params.missingProperty);
  }
  return parts.filter((part) => !/^\d+$/.test(part)).join(".") || "body";
};

/** AJV errors as the class-validator messages GHL's NestJS services send in 422 bodies. */
export const toValidationMessages = (errors: ErrorObject[]) => {
  const messages = errors.map((error) => {
    const field = fieldOf(error);
    switch (error.keyword) {
      case "required":
        return `${field} should not be empty`;
      case "type":
        return `${field} ${TYPE_MESSAGES[String(error.params.type)] ?? `must be ${String(error.params.type)}`}`;
      case "enum":
        return `${field} must be one of the following values: ${(error.params.allowedValues as unknown[]).join(", ")}`;
      case "format":
        return error.params.format === "email"
          ? `${field} must be an email`
          : `${field} must be a valid ${String(error.params.format)}`;
      default:
        return `${field} ${error.message ?? "is invalid"}`;
    }
  });
  return [...new Set(messages)];
};

export type RequestShape = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  body: unknown;
};

/** Validates a request against its operation in the official spec (as patched). */
export const validateAgainstSpec = (op: SpecOperation, request: RequestShape) => {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
  const result = op.backend.validateRequest(
    {
      method: request.method.toLowerCase(),
      path: request.path,
      headers,
      query: request.query as never,
      body: request.body,
    },
    op.operation,
  );
  if (result.valid) return null;
  // Headers (Version, Authorization) are checked earlier with GHL's own answers.
  const relevant = (result.errors ?? []).filter(
    (error) => !error.instancePath.startsWith("/header"),
  );
  return relevant.length > 0 ? toValidationMessages(relevant) : null;
};
