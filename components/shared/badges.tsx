"use client";
import { useTranslations } from "use-intl";

// The one set of status pills, used by the operator dashboard, the floor and the admin panel alike.

const STATUS_STYLES = {
  open: "bg-sky-100 text-sky-900 ring-sky-200",
  pending: "bg-amber-100 text-amber-900 ring-amber-200",
  resolved: "bg-emerald-100 text-emerald-900 ring-emerald-200",
  closed: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

const PRIORITY_STYLES = {
  urgent: "bg-red-100 text-red-800 ring-red-200",
  high: "bg-orange-100 text-orange-900 ring-orange-200",
  medium: "bg-sky-100 text-sky-900 ring-sky-200",
  low: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

const CHANNEL_STYLES = {
  web: "bg-slate-100 text-slate-700 ring-slate-200",
  whatsapp: "bg-emerald-100 text-emerald-900 ring-emerald-200",
  email: "bg-violet-100 text-violet-900 ring-violet-200",
} as const;

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset";

export function TicketStatusBadge({ status }: { status: keyof typeof STATUS_STYLES }) {
  const t = useTranslations("admin.status");
  return <span className={`${pill} ${STATUS_STYLES[status]}`}>{t(status)}</span>;
}

export function PriorityBadge({ priority }: { priority: keyof typeof PRIORITY_STYLES }) {
  const t = useTranslations("admin.priority");
  return <span className={`${pill} ${PRIORITY_STYLES[priority]}`}>{t(priority)}</span>;
}

/** Web is the default and stays quiet unless `always`; WhatsApp and email conversations say so. */
export function ChannelBadge({ channel, always = false }: { channel: keyof typeof CHANNEL_STYLES; always?: boolean }) {
  const t = useTranslations("admin.channel");
  if (channel === "web" && !always) return null;
  return (
    <span className={`${pill} ${CHANNEL_STYLES[channel]}`} data-channel={channel}>
      {t(channel)}
    </span>
  );
}

/** Overdue stands out: red, with the word (never colour alone). */
export function OverdueBadge() {
  const t = useTranslations("admin.tickets");
  return <span className={`${pill} bg-red-600 text-white ring-red-700`}>{t("overdue")}</span>;
}

export function OperatorStatusDot({ status }: { status: "online" | "away" | "offline" }) {
  const t = useTranslations("admin.operatorStatus");
  const color = status === "online" ? "bg-emerald-500" : status === "away" ? "bg-amber-400" : "bg-slate-300";
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700">
      <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${color}`} />
      {t(status)}
    </span>
  );
}
