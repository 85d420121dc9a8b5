// GET /api/health – liveness and database reachability, for load balancers and e2e start-up
import { sql } from "drizzle-orm";

import { getDbHandle } from "~/server/db/client";
import { log } from "~/server/log";

export const dynamic = "force-dynamic";

export const GET = async () => {
  try {
    const { db, mode } = await getDbHandle();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: mode });
  } catch (error) {
    log.error({ err: error }, "health check failed");
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
};
