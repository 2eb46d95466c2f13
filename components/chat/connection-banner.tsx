"use client";
import { useTranslations } from "use-intl";
import { useOnline, type RealtimeStatus } from "@/components/chat/use-realtime";

/** Says when the conversation is not live (offline, or the realtime link is reconnecting); silent otherwise. */
export function ConnectionBanner({ status }: { status: RealtimeStatus }) {
  const t = useTranslations("chat.connection");
  const online = useOnline();
  const text = !online ? t("offline") : status === "reconnecting" ? t("lost") : null;
  return (
    <div role="status" aria-live="polite" className={text ? "border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950" : "sr-only"}>
      {text}
    </div>
  );
}
