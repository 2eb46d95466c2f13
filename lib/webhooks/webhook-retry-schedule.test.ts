import { describe, expect, it } from "vitest";
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs, webhookRetryWindowMs } from "@/lib/webhooks/webhook-retry-schedule";

describe("webhook retry schedule", () => {
  it("keeps trying for at least 24 hours", () => {
    expect(webhookRetryWindowMs()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });

  it("backs off between attempts and stops after the last one", () => {
    const delays = Array.from({ length: WEBHOOK_MAX_ATTEMPTS - 1 }, (_, i) => webhookRetryDelayMs(i + 1, 1, undefined, () => 1)!);
    expect(delays[0]).toBe(5_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(webhookRetryDelayMs(WEBHOOK_MAX_ATTEMPTS, 1)).toBeNull();
  });

  it("jitters within 80–100% and honours Retry-After up to the longest delay", () => {
    expect(webhookRetryDelayMs(2, 1, undefined, () => 0)).toBe(240_000);
    expect(webhookRetryDelayMs(1, 1, 60_000, () => 1)).toBe(60_000);
    expect(webhookRetryDelayMs(1, 1, 10 * 24 * 3600 * 1000, () => 1)).toBe(10 * 3600 * 1000);
  });

  it("scales for tests", () => {
    expect(webhookRetryDelayMs(1, 0.001, undefined, () => 1)).toBe(5);
  });
});
