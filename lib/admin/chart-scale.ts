// Axes for the overview's charts: a duration unit people can read (seconds under two minutes, then minutes, then
// hours) and an upper bound with headroom, so a single point is never drawn on the chart's edge or on a 0–0.1 axis.
// Pure: shared by the page and its tests.

export type DurationUnit = "seconds" | "minutes" | "hours";

const FACTOR: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600 };

/** The unit for a chart of durations given in seconds: the largest value decides. */
export function durationUnit(seconds: (number | null)[]): DurationUnit {
  const max = Math.max(0, ...seconds.filter((v): v is number => v != null));
  if (max < 120) return "seconds";
  if (max < 3 * 3600) return "minutes";
  return "hours";
}

export function inUnit(seconds: number | null, unit: DurationUnit): number | null {
  return seconds == null ? null : Math.round((seconds / FACTOR[unit]) * 10) / 10;
}

/** A "nice" axis maximum above every value (1, 2, 2.5, 5 × 10ⁿ), at least `minimum`. */
export function niceMax(values: (number | null)[], minimum = 1): number {
  const max = Math.max(0, ...values.filter((v): v is number => v != null));
  const target = Math.max(minimum, max * 1.15);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= target) ?? 10;
  return step * magnitude;
}
