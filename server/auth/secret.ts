import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Env } from "../env";

/**
 * AUTH_SECRET, or outside production a secret generated once into DATA_DIR so that `npm run dev`
 * needs no configuration and sessions survive restarts. Production refuses to boot without one.
 */
export const resolveAuthSecret = (env: Env): string => {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production") throw new Error("AUTH_SECRET is required in production");
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first run
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
};
