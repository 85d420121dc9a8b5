/** A response in GHL's error shape (NestJS style: statusCode, message, error). */
export class GhlHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === "string" ? body.message : `HTTP ${status}`);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export const ghlError = (
  status: number,
  message: string | string[],
  extra: Record<string, unknown> = {},
) =>
  new GhlHttpError(status, {
    statusCode: status,
    message,
    error: STATUS_TEXT[status] ?? "Error",
    ...extra,
  });

/** Messages as GHL sends them (REFERENCE §5.1; 3P where marked there). */
export const errors = {
  invalidToken: () => ghlError(401, "Invalid token: access token is invalid"),
  invalidJwt: () => ghlError(401, "Invalid JWT"),
  scope: () => ghlError(401, "The token is not authorized for this scope."),
  tokenKind: () =>
    ghlError(
      401,
      "This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.",
    ),
  locationAccess: () => ghlError(403, "The token does not have access to this location."),
  locationInactive: () => ghlError(400, "Location is not active"),
  missingVersion: () => ghlError(400, "Version header is missing or not supported"),
  notFound: (message: string) => ghlError(404, message),
  badRequest: (message: string, extra: Record<string, unknown> = {}) =>
    ghlError(400, message, extra),
  unprocessable: (messages: string[]) => ghlError(422, messages),
  rateLimited: () => ghlError(429, "Too many requests"),
};
