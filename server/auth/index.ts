import NextAuth from "next-auth";

import { getDb } from "../db/client";
import { getEnv } from "../env";
import { buildAuthConfig } from "./config";

// Lazy config: the database (and, embedded, its migrations) is opened on first use, not at import.
export const { handlers, auth, signIn, signOut } = NextAuth(async () =>
  buildAuthConfig(await getDb(), getEnv()),
);
