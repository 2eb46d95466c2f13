import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/notifications/retry-schedule";

describe("retryDelayMs", () => {
  it("doubles per attempt from the base, with jitter between half and all of it", () => {
    expect(retryDelayMs(1, 30_000, undefined, () => 1)).toBe(30_000);
    expect(retryDelayMs(2, 30_000, undefined, () => 1)).toBe(60_000);
    expect(retryDelayMs(4, 30_000, undefined, () => 1)).toBe(240_000);
    expect(retryDelayMs(4, 30_000, undefined, () => 0)).toBe(120_000);
  });

  it("never waits more than an hour between attempts", () => {
    expect(retryDelayMs(30, 30_000, undefined, () => 1)).toBe(3_600_000);
  });

  it("waits at least as long as the provider's Retry-After", () => {
    expect(retryDelayMs(1, 1_000, 20_000, () => 0)).toBe(20_000);
    expect(retryDelayMs(3, 10_000, 1_000, () => 1)).toBe(40_000);
  });
});
