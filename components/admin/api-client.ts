// Browser-side calls to the JSON API: one result shape, and the API's error message when there is one.
export type ApiResult<T> = { ok: true; data: T; raw: unknown } | { ok: false; status: number; code: string; message: string; details?: unknown };

export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      // A FormData body (a file upload) goes as multipart with the browser's own boundary; anything else as JSON.
      headers: init.body === undefined || init.body instanceof FormData ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : init.body instanceof FormData ? init.body : JSON.stringify(init.body),
      cache: "no-store",
    });
    const json = (await response.json().catch(() => null)) as { success?: boolean; data?: T; error?: { code: string; message: string; details?: unknown } } | null;
    if (!response.ok || json?.success === false) {
      return { ok: false, status: response.status, code: json?.error?.code ?? "HTTP_ERROR", message: json?.error?.message ?? response.statusText, details: json?.error?.details };
    }
    return { ok: true, data: (json?.data ?? json) as T, raw: json };
  } catch (error) {
    return { ok: false, status: 0, code: "NETWORK_ERROR", message: error instanceof Error ? error.message : String(error) };
  }
}
