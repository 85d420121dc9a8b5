import { Badge, type BadgeTone } from "../ui/badge";

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  received: { label: "Queued", tone: "gray" },
  processing: { label: "Processing", tone: "indigo" },
  processed: { label: "Processed", tone: "green" },
  failed: { label: "Failed, will retry", tone: "yellow" },
  dead: { label: "Dead", tone: "red" },
  ignored: { label: "Ignored", tone: "gray" },
};

export const WEBHOOK_STATUS_LABELS = STATUS;

export const WebhookStatusBadge = ({ status }: { status: string }) => {
  const { label, tone } = STATUS[status] ?? { label: status, tone: "gray" as const };
  return <Badge tone={tone}>{label}</Badge>;
};
