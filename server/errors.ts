import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/** Domain error codes. Services throw AppError; one mapper turns them into tRPC/HTTP errors. */
export const APP_ERROR_CODES = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  NO_AGENCY: "UNAUTHORIZED",
  ALREADY_IN_AGENCY: "CONFLICT",
  MEMBER_EXISTS: "CONFLICT",
  LAST_OWNER: "PRECONDITION_FAILED",
  INVALID_INPUT: "BAD_REQUEST",
  GHL_NOT_CONFIGURED: "PRECONDITION_FAILED",
  SYNC_RUNNING: "CONFLICT",
  LOCATION_NOT_CONNECTED: "PRECONDITION_FAILED",
  DUPLICATE_CONTACT: "CONFLICT",
  CANONICAL_KEY_TAKEN: "CONFLICT",
  FIELD_ALREADY_MAPPED: "CONFLICT",
} as const satisfies Record<string, TRPC_ERROR_CODE_KEY>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

/** The resource a NOT_FOUND refers to, so the mapper can tell a cross-tenant probe from a typo. */
export type AppErrorTarget = {
  type:
    | "location"
    | "user"
    | "agency"
    | "ghl_connection"
    | "webhook_event"
    | "contact"
    | "canonical_field"
    | "contact_import";
  id: string;
};

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly target?: AppErrorTarget,
  ) {
    super(message);
  }
}

const LABELS: Record<AppErrorTarget["type"], string> = {
  location: "Location",
  user: "User",
  agency: "Agency",
  ghl_connection: "Connection",
  webhook_event: "Webhook event",
  contact: "Contact",
  canonical_field: "Canonical field",
  contact_import: "Import",
};

export const notFound = (target: AppErrorTarget) =>
  new AppError("NOT_FOUND", `${LABELS[target.type]} not found`, target);
