// One error class with a code, one table from code to HTTP status, one body shape for every error response.
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  UNAUTHORIZED: 401,
  INVALID_IDENTITY_TOKEN: 401,
  INVALID_SIGNATURE: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 422,
  INVALID_STATE: 409,
  HUMAN_OWNS_CONVERSATION: 409,
  CONVERSATION_OPEN: 409,
  SESSION_CLAIMED: 409,
  LINK_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string, details?: unknown) {
  return {
    success: false as const,
    error: { code, message, ...(details === undefined ? {} : { details }), request_id: requestId },
  };
}

/** Prisma's known request errors, classified by code (never by message text). */
export function fromPrismaError(error: unknown): ApiError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  switch (code) {
    case "P2002":
      return new ApiError("CONFLICT", "A record with the same unique value already exists", {
        details: { target: (error as { meta?: { target?: unknown } }).meta?.target },
      });
    case "P2025":
      return new ApiError("NOT_FOUND", "Record not found");
    case "P2003":
      return new ApiError("VALIDATION_ERROR", "A referenced record does not exist");
    default:
      return undefined;
  }
}
