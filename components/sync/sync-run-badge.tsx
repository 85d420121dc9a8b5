import type { TSyncRun } from "~/server/domains/sync/sync.schemas";

import { Badge } from "../ui/badge";

export const SyncRunBadge = ({ run }: { run: Pick<TSyncRun, "status" | "stalled"> }) => {
  if (run.stalled) return <Badge tone="yellow">Stalled</Badge>;
  if (run.status === "running") return <Badge tone="indigo">Running</Badge>;
  if (run.status === "failed") return <Badge tone="red">Failed</Badge>;
  return <Badge tone="green">Succeeded</Badge>;
};
