const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "Synced 5 minutes ago", or "Never synced". */
export const syncedLabel = (date: Date | null, now = Date.now()) => {
  if (!date) return "Never synced";
  const minutes = Math.round((date.getTime() - now) / 60_000);
  if (Math.abs(minutes) < 1) return "Synced just now";
  if (Math.abs(minutes) < 90) return `Synced ${relative.format(minutes, "minute")}`;
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 36) return `Synced ${relative.format(hours, "hour")}`;
  return `Synced ${relative.format(Math.round(hours / 24), "day")}`;
};
