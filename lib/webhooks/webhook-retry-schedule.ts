// The webhook retry schedule (pure: unit-tested on its own). The delays after each failed attempt, as Standard
// Webhooks senders commonly use: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over about 27 h 35 min.

export const WEBHOOK_RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_SECONDS.length + 1;

/**
 * Milliseconds to wait after failed attempt number `attempt` (1-based), or null when it was the last one. Jitter in
 * [80%, 100%] keeps a recovering receiver from being hit by every retry at the same instant; a Retry-After is a floor,
 * capped at the schedule's longest delay. `scale` shrinks the whole schedule (tests).
 */
export function webhookRetryDelayMs(attempt: number, scale = 1, retryAfterMs?: number, random: () => number = Math.random): number | null {
  if (attempt < 1 || attempt >= WEBHOOK_MAX_ATTEMPTS) return null;
  const base = WEBHOOK_RETRY_DELAYS_SECONDS[attempt - 1] * 1000 * scale;
  const longest = Math.max(...WEBHOOK_RETRY_DELAYS_SECONDS) * 1000 * scale;
  const jittered = base * (0.8 + random() * 0.2);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, longest)));
}

/** The total time the schedule keeps trying, in ms (without jitter). */
export function webhookRetryWindowMs(scale = 1): number {
  return WEBHOOK_RETRY_DELAYS_SECONDS.reduce((sum, s) => sum + s * 1000 * scale, 0);
}
