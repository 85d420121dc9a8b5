import nextEnv from "@next/env";

// The same .env files, in the same order, as `next dev` / `next start` read them.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", {
  info: () => {},
  error: console.error,
});
