import pino from "pino";

const REDACT = [
  "*.password",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  "*.access_token",
  "*.refresh_token",
  "*.secret",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
];

// Pino writes JSON lines synchronously to stdout; no transport threads, which Next cannot bundle.
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "ghl-hub" },
  redact: { paths: REDACT, censor: "[redacted]" },
});

export type Logger = typeof log;
