// npm run db:seed – create the demo agencies, users and locations (idempotent)
import "./load-env";

import { EnvError, getEnv } from "../../env";
import { openEmbedded, openPostgres } from "../client";
import { DEMO_LOGINS } from "../seed/demo-data";
import { seedDemo } from "../seed/seed-demo";

const main = async () => {
  const env = getEnv();
  const handle = env.DATABASE_URL
    ? await openPostgres(env.DATABASE_URL, 1)
    : await openEmbedded(env.DATA_DIR);
  try {
    await seedDemo(handle.db);
  } finally {
    await handle.close();
  }
  console.log("Seeded the demo agencies. Users (demo login, no password):");
  for (const user of DEMO_LOGINS) console.log(`  ${user.email}  ${user.role}  ${user.agency}`);
};

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
