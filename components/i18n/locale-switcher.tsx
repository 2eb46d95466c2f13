"use client";
import { useLocale, useTranslations } from "use-intl";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/config";

/** Stores the choice in a cookie and reloads, so server-rendered text follows it too. `compact`: the label for screen readers only. */
export function LocaleSwitcher({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("common");
  const locale = useLocale();
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-600">
      <span className={compact ? "sr-only" : undefined}>{t("language")}</span>
      <select
        className="rounded border border-slate-300 bg-white px-2 py-1"
        value={locale}
        onChange={(event) => {
          document.cookie = `${LOCALE_COOKIE}=${event.target.value}; path=/; max-age=31536000; samesite=lax`;
          window.location.reload();
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
