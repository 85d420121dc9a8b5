import { eq } from "drizzle-orm";

import { users } from "../db/schema";
import type { Db } from "../db/types";

export const findUserByEmail = async (db: Db, email: string) => {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, isDemo: users.isDemo })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return user ?? null;
};
