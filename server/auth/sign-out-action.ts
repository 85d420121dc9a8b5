"use server";

import { signOut } from ".";

export const signOutAction = async () => {
  await signOut({ redirectTo: "/sign-in" });
};
