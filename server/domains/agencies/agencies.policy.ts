import type { Env } from "../../env";

/** Who may found an agency: anyone when sign-up is open, and locally when the demo login is on. */
export const canCreateAgencies = (env: Pick<Env, "AUTH_ALLOW_SIGNUP" | "demoLoginEnabled">) =>
  env.AUTH_ALLOW_SIGNUP || env.demoLoginEnabled;
