"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { inputClass, labelClass, primaryButton } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import type { FaqSettings } from "@/lib/faq/faq-schemas";

/** The FAQ bot's switch and the guide's two confidence thresholds. */
export function FaqSettingsForm({ initial }: { initial: FaqSettings }) {
  const t = useTranslations("faq.settings");
  const [settings, setSettings] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const inverted = settings.escalate_below > settings.answer_above;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await apiFetch<FaqSettings>("/api/admin/faq-settings", { method: "PUT", body: settings });
    setBusy(false);
    if (result.ok) setSettings(result.data);
    setMessage(result.ok ? { tone: "ok", text: t("saved") } : { tone: "error", text: t("failed", { message: result.message }) });
  };

  const threshold = (key: "answer_above" | "escalate_below") => (
    <div>
      <label htmlFor={`faq-${key}`} className={labelClass}>
        {t(key)}
      </label>
      <input
        id={`faq-${key}`}
        type="number"
        min={0}
        max={1}
        step={0.05}
        required
        aria-describedby={`faq-${key}-hint`}
        className={inputClass}
        value={settings[key]}
        onChange={(e) => setSettings({ ...settings, [key]: Number(e.target.value) })}
      />
      <p id={`faq-${key}-hint`} className="mt-1 text-xs text-slate-600">
        {t(`${key}Hint`, { value: settings[key] })}
      </p>
    </div>
  );

  return (
    <Card title={t("title")}>
      <form onSubmit={save} className="space-y-4">
        <label className="flex items-start gap-3">
          <input type="checkbox" className="mt-1 size-4 accent-brand-600" checked={settings.enabled} onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })} />
          <span>
            <span className="block text-sm font-medium text-slate-900">{t("enabled")}</span>
            <span className="block text-xs text-slate-600">{t("enabledHint")}</span>
          </span>
        </label>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {threshold("answer_above")}
          {threshold("escalate_below")}
        </div>
        {inverted ? (
          <p role="alert" className="text-sm text-red-700">
            {t("inverted")}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={primaryButton} disabled={busy || inverted} aria-busy={busy}>
            {busy ? t("saving") : t("save")}
          </button>
          {message ? (
            <p role={message.tone === "error" ? "alert" : "status"} className={`text-sm ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
              {message.text}
            </p>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
