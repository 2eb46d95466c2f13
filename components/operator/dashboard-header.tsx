"use client";
import { useTranslations } from "use-intl";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CannedLink } from "@/components/canned/canned-link";
import type { OperatorStatus } from "@/components/chat/session-api";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { PushToggle } from "@/components/operator/push-toggle";
import { StatusSwitch } from "@/components/operator/status-switch";

/** The desk's top bar: status, who is online, sound, push, language, canned answers, links and sign-out. */
export function DashboardHeader({
  operator,
  status,
  statusBusy,
  onStatus,
  onlineNames,
  soundOn,
  onToggleSound,
}: {
  operator: { name: string; role: "operator" | "admin" | "supervisor" };
  status: OperatorStatus;
  statusBusy: boolean;
  onStatus: (status: OperatorStatus) => void;
  onlineNames: string[] | null;
  soundOn: boolean;
  onToggleSound: () => void;
}) {
  const t = useTranslations("operator");
  const ts = useTranslations("supervise");
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4 lg:flex-nowrap">
      <h1 className="flex items-center gap-2 font-semibold whitespace-nowrap text-slate-900">
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-brand-600 text-xs font-bold text-white">
          S
        </span>
        <span className="hidden sm:inline">{t("title")}</span>
      </h1>
      <StatusSwitch status={status} busy={statusBusy} onChange={onStatus} />
      {onlineNames ? (
        <p className="hidden text-sm whitespace-nowrap text-slate-600 lg:block" title={onlineNames.join(", ")} data-testid="online-count">
          <span aria-hidden="true" className={`mr-1 inline-block size-2 rounded-full ${onlineNames.length ? "bg-emerald-500" : "bg-slate-400"}`} />
          {t("presence.count", { count: onlineNames.length })}
        </p>
      ) : null}
      <div className="ml-auto flex flex-wrap items-center gap-2 whitespace-nowrap lg:flex-nowrap">
        <button
          type="button"
          aria-pressed={soundOn}
          title={soundOn ? t("alerts.soundOn") : t("alerts.soundOff")}
          onClick={onToggleSound}
          className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:text-brand-700"
        >
          <BellIcon muted={!soundOn} /> <span className="sr-only 2xl:not-sr-only">{t("alerts.sound")}</span>
        </button>
        <PushToggle />
        <div className="hidden sm:block">
          <LocaleSwitcher compact />
        </div>
        <CannedLink />
        {operator.role !== "operator" ? (
          <a href="/operator/floor" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
            {ts("floor.link")}
          </a>
        ) : null}
        {operator.role === "admin" ? (
          <a href="/admin" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
            {t("adminPanel")}
          </a>
        ) : null}
        {/* Shown from 1536 px; below, read by screen readers only, so the header keeps one row at 1280 px. */}
        <span className="sr-only max-w-56 truncate text-sm text-slate-700 2xl:not-sr-only">{t("signedInAs", { name: operator.name })}</span>
        <SignOutButton />
      </div>
    </header>
  );
}

function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M10 3a4.5 4.5 0 0 0-4.5 4.5c0 3.5-1.5 5-1.5 5h12s-1.5-1.5-1.5-5A4.5 4.5 0 0 0 10 3Z" />
      <path d="M8.5 15.5a1.5 1.5 0 0 0 3 0" />
      {muted ? <path d="M3 3l14 14" /> : null}
    </svg>
  );
}
