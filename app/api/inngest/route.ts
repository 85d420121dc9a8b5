// GET|POST|PUT /api/inngest – Inngest serve endpoint (introspection, sync, function runs)
import { serve } from "inngest/next";

import { inngest } from "~/server/inngest/client";
import { functions } from "~/server/inngest/functions";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
