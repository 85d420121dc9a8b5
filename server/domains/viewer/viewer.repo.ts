import { eq } from "drizzle-orm";

import { users } from "../../db/schema";
import type { Db } from "../../db/types";

export const findUser = async (db: Db, userId: string) => {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
};
