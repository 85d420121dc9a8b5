const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 minutes ago", "in 12 minutes", "just now". */
export const fromNow = (date: Date, now = Date.now()) => {
  const diff = date.getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return "just now";
};

export const formatDateTime = (date: Date | null) => (date ? dateTime.format(date) : "—");

export const formatDuration = (from: Date, to: Date | null, now = Date.now()) => {
  const ms = (to?.getTime() ?? now) - from.getTime();
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000)
    return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
};

export const formatCount = (n: number) => n.toLocaleString();

export const KIND_LABELS = {
  backfill: "Backfill",
  reconcile: "Reconcile",
  verify: "Full check",
} as const;
export const TRIGGER_LABELS: Record<string, string> = {
  schedule: "scheduled",
  connect: "on connect",
  manual: "sync now",
};
