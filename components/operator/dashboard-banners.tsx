"use client";
import { useTranslations } from "use-intl";
import type { OperatorStatus } from "@/components/chat/session-api";
import { requestNotifications } from "@/components/operator/assignment-alerts";

/**
 * The lines under the desk's header: away by itself or offline (with a way back online), the offer of desktop
 * notifications, and the polite live region every notice is read from.
 */
export function DashboardBanners({
  status,
  autoAway,
  onGoOnline,
  offerNotifications,
  onDeclineNotifications,
  notice,
}: {
  status: OperatorStatus;
  autoAway: boolean;
  onGoOnline: () => void;
  offerNotifications: boolean;
  onDeclineNotifications: () => void;
  notice: string | null;
}) {
  const t = useTranslations("operator");
  const goOnline = <BannerButton onClick={onGoOnline}>{t("status.goOnline")}</BannerButton>;
  return (
    <>
      {autoAway && status !== "online" ? (
        <Banner tone="warning" action={goOnline}>
          {t("status.autoAway")}
        </Banner>
      ) : status === "offline" ? (
        <Banner tone="info" action={goOnline}>
          {t("status.offlineBanner")}
        </Banner>
      ) : null}
      {offerNotifications ? (
        <Banner
          tone="info"
          className="hidden sm:flex"
          action={
            <>
              <BannerButton onClick={() => void requestNotifications()}>{t("alerts.enableNotifications")}</BannerButton>
              <button type="button" onClick={onDeclineNotifications} className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 underline underline-offset-2">
                {t("alerts.notNow")}
              </button>
            </>
          }
        >
          {t("alerts.notificationsPrompt")}
        </Banner>
      ) : null}
      <div role="status" aria-live="polite" className={notice ? "border-b border-brand-100 bg-brand-50 px-4 py-1.5 text-sm text-slate-900" : "sr-only"}>
        {notice}
      </div>
    </>
  );
}

function Banner({ tone, action, className, children }: { tone: "warning" | "info"; action?: React.ReactNode; className?: string; children: React.ReactNode }) {
  const colours = tone === "warning" ? "border-amber-200 bg-amber-50 text-amber-950" : "border-slate-200 bg-white text-slate-800";
  return (
    <div className={`flex-wrap items-center gap-3 border-b px-4 py-2 text-sm ${colours} ${className ?? "flex"}`}>
      <p className="flex-1">{children}</p>
      {action}
    </div>
  );
}

function BannerButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="rounded-md bg-emerald-700 px-3 py-1 text-sm font-medium text-white hover:bg-emerald-800">
      {children}
    </button>
  );
}
