import "server-only";

import { auth } from "../auth";
import { getDb } from "../db/client";
import { createContextInner } from "./context";

/** Context for real requests: the Auth.js session and the process's database. */
export const createTRPCContext = async ({ headers }: { headers: Headers }) => {
  const [session, db] = await Promise.all([auth(), getDb()]);
  return createContextInner({ db, session, headers });
};
