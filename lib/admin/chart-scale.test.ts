import { describe, expect, it } from "vitest";
import { durationUnit, inUnit, niceMax } from "@/lib/admin/chart-scale";

describe("chart scales", () => {
  it.each([
    [[5, null, 40], "seconds"],
    [[119], "seconds"],
    [[120, 30], "minutes"],
    [[4 * 3600], "hours"],
    [[null], "seconds"],
  ] as const)("durationUnit(%j) → %s", (values, unit) => {
    expect(durationUnit([...values])).toBe(unit);
  });

  it("converts to the unit with one decimal", () => {
    expect(inUnit(90, "minutes")).toBe(1.5);
    expect(inUnit(null, "minutes")).toBeNull();
  });

  it.each([
    [[6], 10], // the wait chart: a 6-second wait no longer sits on a 0–0.1 axis edge
    [[0.1], 1],
    [[100], 200],
    [[41], 50],
    [[], 1],
  ] as const)("niceMax(%j) → %i, above every value with headroom", (values, max) => {
    expect(niceMax([...values])).toBe(max);
  });
});
