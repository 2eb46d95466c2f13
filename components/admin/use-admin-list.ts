"use client";
import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/shared/api-client";

/**
 * A list an admin page shows and changes: loaded once on mount, reloaded by the page after each change.
 * `failed` turns a request error into the page's own message.
 */
export function useAdminList<T>(url: string, failed: (message: string) => string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await apiFetch<T[]>(url);
    if (result.ok) {
      setItems(result.data);
      setError(null);
    } else setError(failed(result.message));
  }, [url, failed]);

  useEffect(() => {
    // The first load; later changes call reload() themselves.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  return { items, error, setError, reload };
}
