// npm run keys:rotate – re-encrypt stored GHL secrets under ENCRYPTION_KEY_ID (safe while the app runs)
import "../../db/cli/load-env";

import { openEmbedded, openPostgres } from "../../db/client";
import { EnvError, getEnv } from "../../env";
import { loadEncryption } from "../keys";
import { rotateSecrets } from "../rotate-secrets";

const main = async () => {
  const env = getEnv();
  const encryption = loadEncryption(env);
  const handle = env.DATABASE_URL
    ? await openPostgres(env.DATABASE_URL, 1)
    : await openEmbedded(env.DATA_DIR);
  let result;
  try {
    result = await rotateSecrets(handle.db, encryption);
  } finally {
    await handle.close();
  }
  console.log(
    [
      `Current key: ${encryption.currentKeyId}`,
      `  scanned          ${result.scanned}`,
      `  rotated          ${result.rotated}`,
      `  skippedChanged   ${result.skippedChanged}`,
      `  failed           ${result.failed}`,
      `  left under older keys: ${result.remaining}`,
    ].join("\n"),
  );
  if (result.remaining === 0) {
    console.log(
      "Every secret uses the current key: older keys may now be removed from ENCRYPTION_KEYS.",
    );
    return;
  }
  console.log(
    result.failed > 0
      ? "Some secrets could not be decrypted (see `failed`): keep every key listed and check them."
      : "Some secrets changed during the run: run `npm run keys:rotate` again.",
  );
  process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
