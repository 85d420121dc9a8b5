// npm run db:migrate – apply pending migrations to DATABASE_URL, or to the embedded database
import "./load-env";

import { EnvError, getEnv } from "../../env";
import { openEmbedded } from "../client";
import { migratePostgresUrl } from "../migrate";

const main = async () => {
  const env = getEnv();
  if (env.DATABASE_URL) {
    await migratePostgresUrl(env.DATABASE_URL);
    console.log("Migrated the PostgreSQL database at DATABASE_URL.");
  } else {
    // Opening the embedded database applies its migrations.
    const handle = await openEmbedded(env.DATA_DIR);
    await handle.close();
    console.log(`Migrated the embedded database in ${env.DATA_DIR}/pglite.`);
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
