import type { BadgeTone } from "../ui/badge";

export const formatNumber = (n: number) => n.toLocaleString("en-US");

export const formatBytes = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** "2 h 5 min", "4 min 10 s", "12 s". */
export const formatDuration = (seconds: number) => {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
};

export const STATUS_LABELS: Record<string, { label: string; tone: BadgeTone }> = {
  planned: { label: "Dry run", tone: "indigo" },
  running: { label: "Running", tone: "yellow" },
  completed: { label: "Completed", tone: "green" },
  failed: { label: "Failed", tone: "red" },
  cancelled: { label: "Cancelled", tone: "gray" },
  undoing: { label: "Undoing", tone: "yellow" },
  undone: { label: "Undone", tone: "gray" },
};

export const errorReportUrl = (importId: string) => `/api/imports/${importId}/errors`;
