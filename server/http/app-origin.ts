import { getEnv } from "../env";

/**
 * The app's public origin: AUTH_URL when set (production behind a proxy), otherwise the host the
 * request came to. Next reports `request.url` with its own bind address, which may differ.
 */
export const appOrigin = (headers: Headers) => {
  const configured = getEnv().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
};
