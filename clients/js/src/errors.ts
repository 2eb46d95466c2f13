// One base class so callers can catch everything from the client with a single
// `instanceof SportelloError`, and a `kind` so they can switch without instanceof
// (which breaks when two copies of the package end up in one bundle).

export type SportelloErrorKind = "network" | "timeout" | "api" | "rate_limit";

export class SportelloError extends Error {
  readonly kind: SportelloErrorKind;

  constructor(kind: SportelloErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SportelloError";
    this.kind = kind;
  }
}

/** The request never got an HTTP response (DNS, refused connection, reset, CORS...). */
export class NetworkError extends SportelloError {
  constructor(message: string, options?: { cause?: unknown }, kind: "network" | "timeout" = "network") {
    super(kind, message, options);
    this.name = "NetworkError";
  }
}

/** No response within `timeoutMs`; a NetworkError so "couldn't reach the server" is one catch. */
export class TimeoutError extends NetworkError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`, undefined, "timeout");
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string;
  details?: unknown;
}

/**
 * The server answered with an HTTP error, or with a success that breaks the contract.
 * `code` is the server's machine-readable code (e.g. VALIDATION_ERROR). Errors without the
 * JSON envelope (a proxy's HTML 502) get `HTTP_<status>`; a 2xx that is not the documented
 * shape gets INVALID_RESPONSE.
 */
export class ApiError extends SportelloError {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(init: ApiErrorInit, kind: "api" | "rate_limit" = "api") {
    super(kind, init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
  }
}

/** 429: thrown once retries are exhausted; retryAfterSeconds is the server's hint, if any. */
export class RateLimitError extends ApiError {
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ApiErrorInit, retryAfterSeconds: number | undefined) {
    super(init, "rate_limit");
    this.name = "RateLimitError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isSportelloError(value: unknown): value is SportelloError {
  return value instanceof SportelloError;
}
