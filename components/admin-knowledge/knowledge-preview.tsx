"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { inputClass, labelClass, primaryButton } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import type { FaqPreviewResult } from "@/lib/faq/faq-schemas";
import type { Locale } from "@/lib/i18n/config";

const DECISION_STYLES = {
  answer: "border-emerald-200 bg-emerald-50 text-emerald-900",
  offer_choice: "border-amber-200 bg-amber-50 text-amber-900",
  escalate: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

/** Ask the knowledge base a question as a customer would, and see the decision and the runner-up entries. */
export function KnowledgePreview({ defaultLocale }: { defaultLocale: Locale }) {
  const t = useTranslations("faq.preview");
  const [question, setQuestion] = useState("");
  const [locale, setLocale] = useState(defaultLocale);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FaqPreviewResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const ask = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const response = await apiFetch<FaqPreviewResult>("/api/admin/knowledge/preview", { method: "POST", body: { question, locale } });
    setBusy(false);
    if (response.ok) {
      setResult(response.data);
      setError(null);
    } else setError(t("failed", { message: response.message }));
  };

  const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

  return (
    <Card title={t("title")}>
      <form onSubmit={ask} className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="preview-question" className={labelClass}>
            {t("question")}
          </label>
          <input id="preview-question" required maxLength={4000} placeholder={t("placeholder")} className={inputClass} value={question} onChange={(e) => setQuestion(e.target.value)} />
        </div>
        <div>
          <label htmlFor="preview-locale" className={labelClass}>
            {t("locale")}
          </label>
          <select id="preview-locale" className={inputClass} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="it">{t("locales.it")}</option>
            <option value="en">{t("locales.en")}</option>
          </select>
        </div>
        <button type="submit" className={primaryButton} disabled={busy} aria-busy={busy}>
          {t("submit")}
        </button>
      </form>
      <div aria-live="polite" className="mt-4 space-y-3">
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        {result ? (
          <>
            <div className={`rounded-lg border px-3 py-2 text-sm ${DECISION_STYLES[result.decision]}`}>
              <p className="font-semibold">
                {t(`decisions.${result.decision}`)} · {t("confidence", { value: percent(result.confidence) })}
              </p>
              {result.answer ? <p className="mt-1 whitespace-pre-wrap">{result.answer}</p> : null}
              {!result.enabled ? <p className="mt-1 text-xs">{t("botOff")}</p> : null}
            </div>
            {result.candidates.length ? (
              <div>
                <p className="text-sm font-medium text-slate-800">{t("candidates")}</p>
                <ol className="mt-1 space-y-1">
                  {result.candidates.map((candidate) => (
                    <li key={candidate.entry_id} className="flex items-center gap-3 text-sm">
                      <meter min={0} max={1} value={candidate.confidence} className="w-20" aria-label={t("confidence", { value: percent(candidate.confidence) })} />
                      <span className="w-10 text-right tabular-nums text-slate-600">{percent(candidate.confidence)}</span>
                      <span className="text-slate-800">{candidate.question}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ) : (
              <p className="text-sm text-slate-600">{t("noMatch")}</p>
            )}
          </>
        ) : null}
      </div>
    </Card>
  );
}
