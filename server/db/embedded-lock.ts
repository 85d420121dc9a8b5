import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * PGlite is single-process: two processes opening one data folder corrupt it. A pid file turns that
 * into a clear error instead.
 */
export const acquireEmbeddedLock = (dataDir: string) => {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "pglite.pid");
  let holder: number | undefined;
  try {
    holder = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${holder} (probably \`npm run dev\` ` +
        "or `npm start`). Stop that process first, or set DATABASE_URL to use PostgreSQL.",
    );
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(lockFile, "utf8") === String(process.pid)) rmSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
};
