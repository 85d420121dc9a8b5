import { createMirrorWrites, writeMirror } from "./mirror-writes";
import type { EventHandler, HandlerInput } from "./types";
import type { MirrorWrites } from "./mirror-writes";

/** A mirror handler: `stage` for batches, and `apply` (one event) written through the same path. */
export const stagedHandler = (
  stage: (input: HandlerInput, writes: MirrorWrites) => string,
): EventHandler => ({
  scope: "location",
  stage,
  apply: async (tx, input) => {
    const writes = createMirrorWrites();
    const what = stage(input, writes);
    return (await writeMirror(tx, writes)) > 0 ? what : `${what}: the mirror is newer`;
  },
});
