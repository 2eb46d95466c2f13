// Pure business-hours arithmetic in the calendar's own time zone.
import { weekdays, type BusinessHours } from "@/lib/schemas/escalation-rules";
import { zonedParts } from "@/lib/rules/time-buckets";

interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: (typeof weekdays)[number];
  minutes: number; // since local midnight
}

function localTime(at: Date, timeZone: string): LocalTime {
  const p = zonedParts(at, timeZone);
  return {
    date: `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`,
    weekday: p.weekday as LocalTime["weekday"],
    minutes: p.hour * 60 + p.minute,
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOpenAt(hours: BusinessHours, at: Date): boolean {
  if (!hours.enabled) return true;
  const local = localTime(at, hours.timezone);
  if (hours.holidays.includes(local.date)) return false;
  return hours.days[local.weekday].some(([from, to]) => local.minutes >= toMinutes(from) && local.minutes < toMinutes(to));
}

/** The next moment the desk opens after `at` (minute resolution, searched up to 14 days ahead), or null. */
export function nextOpening(hours: BusinessHours, at: Date): Date | null {
  if (!hours.enabled) return at;
  const step = 60_000;
  const start = Math.ceil(at.getTime() / step) * step;
  // Jump in 15-minute steps, then refine: openings are on whole minutes.
  for (let t = start; t < start + 14 * 24 * 60 * step; t += 15 * step) {
    if (isOpenAt(hours, new Date(t))) {
      let first = t;
      while (first - step >= start && isOpenAt(hours, new Date(first - step))) first -= step;
      return new Date(first);
    }
  }
  return null;
}

/** When the desk closes within `withinMinutes` of `at` (5-minute resolution), or null: open all along, or closed. */
export function closingWithin(hours: BusinessHours, at: Date, withinMinutes: number): Date | null {
  if (!hours.enabled || !isOpenAt(hours, at)) return null;
  for (let m = 5; m <= withinMinutes; m += 5) {
    const t = new Date(at.getTime() + m * 60_000);
    if (!isOpenAt(hours, t)) return t;
  }
  return null;
}

/** Adds `hours` of open time to `from` (SLA clocks that run only in business hours). */
export function addBusinessHours(hours: BusinessHours, from: Date, amountHours: number): Date {
  if (!hours.enabled) return new Date(from.getTime() + amountHours * 3_600_000);
  let remaining = Math.round(amountHours * 60);
  let t = from.getTime();
  const step = 60_000;
  const limit = t + 60 * 24 * 60 * step; // a calendar with almost no open time must not spin
  while (remaining > 0 && t < limit) {
    if (isOpenAt(hours, new Date(t))) remaining -= 1;
    t += step;
  }
  return new Date(t);
}
