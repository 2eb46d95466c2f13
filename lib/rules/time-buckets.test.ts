import { describe, expect, it } from "vitest";
import { rangeBuckets, startOfDayInZone, zonedToUtc } from "@/lib/rules/time-buckets";

describe("time buckets", () => {
  it("finds local midnight in Rome, winter and summer", () => {
    expect(startOfDayInZone(new Date("2026-11-25T10:00:00Z"), "Europe/Rome").toISOString()).toBe("2026-11-24T23:00:00.000Z");
    expect(startOfDayInZone(new Date("2026-07-15T10:00:00Z"), "Europe/Rome").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    // 23:30Z on the 25th is already the 26th in Rome.
    expect(startOfDayInZone(new Date("2026-11-25T23:30:00Z"), "Europe/Rome").toISOString()).toBe("2026-11-25T23:00:00.000Z");
  });

  it("converts wall-clock time across a DST change", () => {
    expect(zonedToUtc(2026, 3, 29, 0, "Europe/Rome").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(zonedToUtc(2026, 3, 30, 0, "Europe/Rome").toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });

  it("makes 24 hourly buckets ending with the current hour", () => {
    const { unit, buckets } = rangeBuckets("24h", new Date("2026-11-25T10:20:00Z"), "Europe/Rome");
    expect(unit).toBe("hour");
    expect(buckets).toHaveLength(24);
    expect(buckets[23]).toEqual({ key: "2026-11-25 11", start: new Date("2026-11-25T10:00:00Z") });
    expect(buckets[0].key).toBe("2026-11-24 12");
  });

  it("makes 30 daily buckets across a month boundary", () => {
    const { unit, buckets, from } = rangeBuckets("30d", new Date("2026-12-05T10:00:00Z"), "Europe/Rome");
    expect(unit).toBe("day");
    expect(buckets).toHaveLength(30);
    expect(buckets[29].key).toBe("2026-12-05");
    expect(buckets[0].key).toBe("2026-11-06");
    expect(from.toISOString()).toBe("2026-11-05T23:00:00.000Z");
    expect(new Set(buckets.map((b) => b.key)).size).toBe(30);
  });
});
