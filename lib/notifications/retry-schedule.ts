// Pure retry policy of the notification outbox (no "server-only": unit-tested on its own).

const MAX_DELAY_MS = 60 * 60 * 1000;

/**
 * Delay before attempt `attempts + 1`: exponential from `baseMs` (doubling per attempt, capped at an hour) with
 * jitter in [50%, 100%], so a provider that comes back is not hit by every retry at the same instant. A
 * Retry-After from the provider is a floor.
 */
export function retryDelayMs(attempts: number, baseMs: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential * (0.5 + random() * 0.5);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
