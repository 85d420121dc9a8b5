import path from "node:path";

import { getEnv } from "../../env";

const store = globalThis as typeof globalThis & { __ghlhubUploadDir?: string };

/** Where uploaded CSV files wait to be planned (DATA_DIR/uploads; tests point it elsewhere). */
export const uploadDir = () =>
  store.__ghlhubUploadDir ?? path.resolve(getEnv().DATA_DIR, "uploads");

export const setUploadDir = (dir: string | undefined) => {
  store.__ghlhubUploadDir = dir;
};
