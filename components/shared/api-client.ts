// The browser's one client for the JSON API: every component calls the API through here, so every failure has the
// same shape — the API's own error code and message, HTTP_ERROR for an answer without one, NETWORK_ERROR when no
// answer came at all.
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string; details?: unknown };

export const NETWORK_ERROR = "NETWORK_ERROR";

/** A FormData body (a file upload) goes as multipart with the browser's own boundary; anything else as JSON. */
export interface ApiInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Never throws: the result says whether the call worked. */
export async function apiFetch<T>(url: string, init: ApiInit = {}): Promise<ApiResult<T>> {
  const json = init.body !== undefined && !(init.body instanceof FormData);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { ...(json ? { "content-type": "application/json" } : {}), ...init.headers },
      body: init.body === undefined ? undefined : json ? JSON.stringify(init.body) : (init.body as FormData),
      cache: "no-store",
      signal: init.signal,
    });
  } catch (error) {
    return { ok: false, status: 0, code: NETWORK_ERROR, message: error instanceof Error ? error.message : String(error) };
  }
  const payload = (await response.json().catch(() => null)) as { success?: boolean; data?: T; error?: { code: string; message: string; details?: unknown } } | null;
  if (!response.ok || payload === null || payload.success === false) {
    const error = payload?.error;
    return { ok: false, status: response.status, code: error?.code ?? "HTTP_ERROR", message: error?.message ?? (response.statusText || `HTTP ${response.status}`), details: error?.details };
  }
  // request-operator answers with the guide's flat shape ({success, type, ...}); everything else wraps in data.
  return { ok: true, data: (payload && "data" in payload ? payload.data : payload) as T };
}

/** An error answer of the API, with its code (VALIDATION_ERROR, RATE_LIMITED, NETWORK_ERROR...) and HTTP status. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The same call for code that prefers exceptions: resolves to the data, rejects with an ApiCallError. */
export async function apiCall<T>(url: string, init: ApiInit = {}): Promise<T> {
  const result = await apiFetch<T>(url, init);
  if (!result.ok) throw new ApiCallError(result.status, result.code, result.message, result.details);
  return result.data;
}
