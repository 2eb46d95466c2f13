// Calendar arithmetic in a time zone for the charts and "today" counts. Pure.

export type Range = "24h" | "7d" | "30d";
export const RANGES: readonly Range[] = ["24h", "7d", "30d"];

/** The wall-clock fields of `at` in the zone (also used by the business-hours arithmetic). */
export function zonedParts(at: Date, timeZone: string) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    /** "mon" … "sun". */
    weekday: p.weekday.toLowerCase().slice(0, 3),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** Minutes the zone is ahead of UTC at `at` (Rome: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of a local wall-clock time in the zone (the earlier one when a DST change makes it ambiguous). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  let at = new Date(guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000);
  // A second pass settles the offset when the guess fell on the other side of a DST change.
  at = new Date(guess - zoneOffsetMinutes(at, timeZone) * 60_000);
  return at;
}

export function startOfDayInZone(at: Date, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  return zonedToUtc(p.year, p.month, p.day, 0, timeZone);
}

/** The key SQL groups by: the local hour or day, as `YYYY-MM-DD HH` (hour) or `YYYY-MM-DD` (day). */
export function bucketKey(at: Date, unit: "hour" | "day", timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const day = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  return unit === "day" ? day : `${day} ${String(p.hour).padStart(2, "0")}`;
}

export interface Bucket {
  key: string;
  start: Date;
}

/**
 * The buckets of a chart range ending at `now`: 24 hours (hourly), or 7 / 30 local days (daily), oldest first, the
 * current (partial) bucket last.
 */
export function rangeBuckets(range: Range, now: Date, timeZone: string): { unit: "hour" | "day"; from: Date; buckets: Bucket[] } {
  if (range === "24h") {
    const hourStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const buckets: Bucket[] = [];
    for (let i = 23; i >= 0; i--) {
      const start = new Date(hourStart.getTime() - i * 3_600_000);
      buckets.push({ key: bucketKey(start, "hour", timeZone), start });
    }
    return { unit: "hour", from: buckets[0].start, buckets };
  }
  const days = range === "7d" ? 7 : 30;
  const today = zonedParts(now, timeZone);
  const buckets: Bucket[] = [];
  for (let i = days - 1; i >= 0; i--) {
    // Date.UTC normalises day underflow into the previous month.
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day - i));
    const start = zonedToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, timeZone);
    buckets.push({ key: bucketKey(start, "day", timeZone), start });
  }
  return { unit: "day", from: buckets[0].start, buckets };
}
