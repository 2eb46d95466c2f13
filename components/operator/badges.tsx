"use client";
import { useTranslations } from "use-intl";

const PRIORITY_STYLES = {
  urgent: "bg-red-100 text-red-800 ring-red-200",
  high: "bg-orange-100 text-orange-900 ring-orange-200",
  medium: "bg-sky-100 text-sky-900 ring-sky-200",
  low: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

export function PriorityBadge({ priority }: { priority: keyof typeof PRIORITY_STYLES }) {
  const t = useTranslations("operator.priority");
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${PRIORITY_STYLES[priority]}`}>
      {t(priority)}
    </span>
  );
}

/** Web is the default and stays quiet; WhatsApp and email sessions say so. */
export function ChannelBadge({ channel, always = false }: { channel: "web" | "whatsapp" | "email"; always?: boolean }) {
  const t = useTranslations("operator.channel");
  if (channel === "web" && !always) return null;
  const style = channel === "whatsapp" ? "bg-emerald-100 text-emerald-900 ring-emerald-200" : "bg-violet-100 text-violet-900 ring-violet-200";
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${channel === "web" ? PRIORITY_STYLES.low : style}`} data-channel={channel}>
      {t(channel)}
    </span>
  );
}
