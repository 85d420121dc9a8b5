import type { Db } from "../../db/types";
import { AppError } from "../../errors";
import { findMembershipsForUser } from "../agencies/agencies.repo";
import { findUser } from "./viewer.repo";

export const getViewer = async ({ db, userId }: { db: Db; userId: string }) => {
  const [user, agencies] = await Promise.all([
    findUser(db, userId),
    findMembershipsForUser(db, userId),
  ]);
  // A still-valid session for a user that was deleted: treat it as signed out.
  if (!user) throw new AppError("UNAUTHORIZED", "Your account no longer exists");
  return { user, agencies };
};
