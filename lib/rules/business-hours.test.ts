import { describe, expect, it } from "vitest";
import { addBusinessHours, closingWithin, isOpenAt, nextOpening } from "@/lib/rules/business-hours";
import { DEFAULT_RULES, type BusinessHours } from "@/lib/schemas/escalation-rules";

// Rome, Mon–Fri 09:00–18:00, with a lunch break on Friday and Christmas off. Rome is UTC+1 in winter, UTC+2 in summer.
const hours: BusinessHours = {
  ...DEFAULT_RULES.business_hours,
  enabled: true,
  timezone: "Europe/Rome",
  days: {
    ...DEFAULT_RULES.business_hours.days,
    fri: [
      ["09:00", "13:00"],
      ["14:00", "18:00"],
    ],
  },
  holidays: ["2026-12-25"],
};

const at = (iso: string) => new Date(iso);

describe("isOpenAt", () => {
  it.each([
    ["Wednesday 10:00 Rome (09:00Z, winter)", "2026-11-25T09:00:00Z", true],
    ["Wednesday 08:59 Rome", "2026-11-25T07:59:00Z", false],
    ["Wednesday 09:00 Rome, the first open minute", "2026-11-25T08:00:00Z", true],
    ["Wednesday 18:00 Rome, the end is exclusive", "2026-11-25T17:00:00Z", false],
    ["Friday 13:30 Rome, lunch break", "2026-11-27T12:30:00Z", false],
    ["Friday 14:00 Rome", "2026-11-27T13:00:00Z", true],
    ["Saturday noon", "2026-11-28T11:00:00Z", false],
    ["Christmas, a Friday", "2026-12-25T10:00:00Z", false],
    ["summer: Wednesday 09:30 Rome is 07:30Z", "2026-07-15T07:30:00Z", true],
    ["summer: Wednesday 17:30Z is 19:30 Rome", "2026-07-15T17:30:00Z", false],
  ])("%s → %s", (_label, iso, open) => {
    expect(isOpenAt(hours, at(iso))).toBe(open);
  });

  it("is always open when the calendar is disabled", () => {
    expect(isOpenAt({ ...hours, enabled: false }, at("2026-11-28T03:00:00Z"))).toBe(true);
  });

  it("reads the weekday in the calendar's zone, not UTC", () => {
    // Monday 00:30 in Tokyo is still Sunday in UTC.
    const tokyo: BusinessHours = { ...hours, timezone: "Asia/Tokyo", days: { ...hours.days, mon: [["00:00", "01:00"]] } };
    expect(isOpenAt(tokyo, at("2026-11-29T15:30:00Z"))).toBe(true);
  });
});

describe("nextOpening", () => {
  it("returns the same moment when open", () => {
    expect(nextOpening(hours, at("2026-11-25T09:00:00Z"))?.toISOString()).toBe("2026-11-25T09:00:00.000Z");
  });

  it("skips the weekend to Monday 09:00 Rome", () => {
    expect(nextOpening(hours, at("2026-11-27T18:30:00Z"))?.toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });

  it("skips a holiday and the weekend after it", () => {
    expect(nextOpening(hours, at("2026-12-24T18:00:00Z"))?.toISOString()).toBe("2026-12-28T08:00:00.000Z");
  });

  it("finds the afternoon opening after the lunch break", () => {
    expect(nextOpening(hours, at("2026-11-27T12:10:00Z"))?.toISOString()).toBe("2026-11-27T13:00:00.000Z");
  });

  it("is null for a calendar that never opens", () => {
    const never: BusinessHours = { ...hours, days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(nextOpening(never, at("2026-11-25T09:00:00Z"))).toBeNull();
  });

  it("crosses the switch to summer time", () => {
    // Saturday 28 March 2026, 20:00 Rome (UTC+1); Monday 30 March 09:00 Rome is 07:00Z (UTC+2).
    expect(nextOpening(hours, at("2026-03-28T19:00:00Z"))?.toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });
});

describe("addBusinessHours", () => {
  it("adds wall-clock hours when the calendar is disabled", () => {
    expect(addBusinessHours({ ...hours, enabled: false }, at("2026-11-28T10:00:00Z"), 24).toISOString()).toBe("2026-11-29T10:00:00.000Z");
  });

  it("counts only open time: 4 h from Wednesday 16:00 Rome ends Thursday 11:00", () => {
    expect(addBusinessHours(hours, at("2026-11-25T15:00:00Z"), 4).toISOString()).toBe("2026-11-26T10:00:00.000Z");
  });

  it("starts counting at the next opening when closed", () => {
    // Saturday → Monday 09:00 Rome + 1 h.
    expect(addBusinessHours(hours, at("2026-11-28T10:00:00Z"), 1).toISOString()).toBe("2026-11-30T09:00:00.000Z");
  });

  it("skips Friday's lunch break and the weekend", () => {
    // Friday 12:00 Rome + 6 open hours: 1 h before lunch, 4 h after, 1 h on Monday → Monday 10:00 Rome.
    expect(addBusinessHours(hours, at("2026-11-27T11:00:00Z"), 6).toISOString()).toBe("2026-11-30T09:00:00.000Z");
  });

  it("handles fractional hours (urgent at 0.5 h)", () => {
    expect(addBusinessHours(hours, at("2026-11-25T09:00:00Z"), 0.5).toISOString()).toBe("2026-11-25T09:30:00.000Z");
  });

  it("gives a 24-hour SLA three working days over a weekend", () => {
    // Friday 09:00 Rome: 8 h Friday, 9 h Monday, 7 h Tuesday → Tuesday 16:00 Rome.
    expect(addBusinessHours(hours, at("2026-11-27T08:00:00Z"), 24).toISOString()).toBe("2026-12-01T15:00:00.000Z");
  });
});

describe("closingWithin", () => {
  const utc: BusinessHours = { ...hours, timezone: "UTC", holidays: [] };
  it("says when the desk closes within the window, and null when it stays open or is closed", () => {
    // 2026-11-30 is a Monday.
    expect(closingWithin(utc, new Date("2026-11-30T17:20:00Z"), 60)?.toISOString()).toBe("2026-11-30T18:00:00.000Z");
    expect(closingWithin(utc, new Date("2026-11-30T12:00:00Z"), 60)).toBeNull();
    expect(closingWithin(utc, new Date("2026-11-30T19:00:00Z"), 60)).toBeNull();
  });
});
