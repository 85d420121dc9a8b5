// GET|POST /api/auth/* – Auth.js sign-in, callbacks and session
import { handlers } from "~/server/auth";

export const { GET, POST } = handlers;
