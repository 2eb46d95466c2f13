import "server-only";

export interface DeliveryErrorOptions {
  /** Worth trying again later (network, 5xx, 429, bad credentials being fixed); otherwise the request itself is wrong. */
  retryable: boolean;
  /** The provider's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  /** The provider's own code (HTTP status, Resend error name, Twilio error code such as 21211) or ours. */
  code?: string | number;
}

/**
 * A failed delivery attempt, classified where it is understood (the provider client, a template missing data) so
 * the worker only has to decide: retry later, or give up.
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly code?: string | number;

  constructor(message: string, options: DeliveryErrorOptions) {
    super(message);
    this.name = "DeliveryError";
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
  }
}

/** HTTP statuses that say "not now" rather than "never": timeouts, conflicts of concurrent retries, rate limits, auth
 *  being fixed by an admin, provider outages. */
export function isRetryableStatus(status: number | null | undefined): boolean {
  if (status === null || status === undefined) return true;
  return status === 401 || status === 403 || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
