"use client";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiCall, apiFetch } from "@/components/shared/api-client";

type PushState = "unsupported" | "loading" | "off" | "on" | "denied" | "busy";

const base64ToBytes = (value: string) => Uint8Array.from(atob(value.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(value.length / 4) * 4, "=")), (c) => c.charCodeAt(0));

async function registration(): Promise<ServiceWorkerRegistration> {
  return (await navigator.serviceWorker.getRegistration("/")) ?? navigator.serviceWorker.register("/sw.js", { scope: "/" });
}

/**
 * Web Push on this device, opt-in: the service worker shows new assignments while the dashboard is in the
 * background or closed. On: the browser subscribes with the server's VAPID key and the subscription is stored for
 * the signed-in operator; off: it is removed on both sides.
 */
export function PushToggle() {
  const t = useTranslations("operator.push");
  const [state, setState] = useState<PushState>("loading");
  const [error, setError] = useState(false);

  const refresh = useCallback(async () => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return setState("unsupported");
    if (Notification.permission === "denied") return setState("denied");
    const existing = await (await navigator.serviceWorker.getRegistration("/"))?.pushManager.getSubscription();
    setState(existing ? "on" : "off");
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh().catch(() => setState("unsupported"));
  }, [refresh]);

  async function enable() {
    setState("busy");
    setError(false);
    try {
      if ((await Notification.requestPermission()) !== "granted") return setState("denied");
      const key = await apiCall<{ public_key: string }>("/api/push/vapid-public-key");
      const sw = await registration();
      await navigator.serviceWorker.ready;
      const subscription = (await sw.pushManager.getSubscription()) ?? (await sw.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64ToBytes(key.public_key) }));
      await apiCall("/api/push/subscriptions", { method: "POST", body: subscription.toJSON() });
      setState("on");
    } catch {
      setError(true);
      await refresh().catch(() => setState("off"));
    }
  }

  async function disable() {
    setState("busy");
    const subscription = await (await navigator.serviceWorker.getRegistration("/"))?.pushManager.getSubscription();
    if (subscription) {
      await apiFetch("/api/push/subscriptions", { method: "DELETE", body: { endpoint: subscription.endpoint } });
      await subscription.unsubscribe().catch(() => undefined);
    }
    setState("off");
  }

  if (state === "unsupported" || state === "loading") return null;
  const on = state === "on";
  return (
    <button
      type="button"
      aria-pressed={on}
      disabled={state === "busy" || state === "denied"}
      title={state === "denied" ? t("denied") : error ? t("failed") : on ? t("onHint") : t("offHint")}
      onClick={() => void (on ? disable() : enable())}
      className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-50 disabled:opacity-60 aria-pressed:border-brand-600 aria-pressed:text-brand-700"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
        <rect x="5.5" y="2.5" width="9" height="15" rx="2" />
        <path d="M9 14.5h2" />
        {on ? null : <path d="M3 3l14 14" />}
      </svg>
      <span className="sr-only 2xl:not-sr-only">{t("label")}</span>
    </button>
  );
}
