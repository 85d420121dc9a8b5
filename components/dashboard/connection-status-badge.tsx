import { Badge, type BadgeTone } from "../ui/badge";

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  not_connected: { label: "Not connected", tone: "gray" },
  connected: { label: "Connected", tone: "green" },
  expiring: { label: "Token expiring", tone: "yellow" },
  needs_reauth: { label: "Reconnect needed", tone: "red" },
  disconnected: { label: "Disconnected", tone: "red" },
};

export const ConnectionStatusBadge = ({ status }: { status: string }) => {
  const { label, tone } = STATUS[status] ?? { label: status, tone: "gray" as const };
  return <Badge tone={tone}>{label}</Badge>;
};
