"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/admin/form-styles";
import type { KnowledgeEntryView } from "@/lib/faq/faq-schemas";
import type { Locale } from "@/lib/i18n/config";

export interface KnowledgeEntryValues {
  question: string;
  answer: string;
  keywords: string[];
  locale: Locale;
  active: boolean;
}

/** Add or edit one question → answer pair. Keywords are typed comma-separated. */
export function KnowledgeEntryForm({
  entry,
  defaultLocale,
  busy,
  onSubmit,
  onCancel,
}: {
  entry: KnowledgeEntryView | null;
  defaultLocale: Locale;
  busy: boolean;
  onSubmit: (values: KnowledgeEntryValues) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("faq.form");
  const [values, setValues] = useState({
    question: entry?.question ?? "",
    answer: entry?.answer ?? "",
    keywords: entry?.keywords.join(", ") ?? "",
    locale: entry?.locale ?? defaultLocale,
    active: entry?.active ?? true,
  });
  const id = entry ? `kb-${entry.id}` : "kb-new";

  return (
    <form
      className="grid grid-cols-1 gap-3 sm:grid-cols-4"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({
          ...values,
          question: values.question.trim(),
          answer: values.answer.trim(),
          keywords: values.keywords
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean),
        });
      }}
    >
      <div className="sm:col-span-3">
        <label htmlFor={`${id}-question`} className={labelClass}>
          {t("question")}
        </label>
        <input id={`${id}-question`} required minLength={3} maxLength={500} placeholder={t("questionPlaceholder")} className={inputClass} value={values.question} onChange={(e) => setValues({ ...values, question: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-locale`} className={labelClass}>
          {t("locale")}
        </label>
        <select id={`${id}-locale`} className={inputClass} value={values.locale} onChange={(e) => setValues({ ...values, locale: e.target.value as Locale })}>
          <option value="it">{t("locales.it")}</option>
          <option value="en">{t("locales.en")}</option>
        </select>
      </div>
      <div className="sm:col-span-4">
        <label htmlFor={`${id}-answer`} className={labelClass}>
          {t("answer")}
        </label>
        <textarea id={`${id}-answer`} required rows={4} maxLength={4000} className={inputClass} value={values.answer} onChange={(e) => setValues({ ...values, answer: e.target.value })} />
      </div>
      <div className="sm:col-span-3">
        <label htmlFor={`${id}-keywords`} className={labelClass}>
          {t("keywords")}
        </label>
        <input id={`${id}-keywords`} aria-describedby={`${id}-keywords-hint`} placeholder={t("keywordsPlaceholder")} className={inputClass} value={values.keywords} onChange={(e) => setValues({ ...values, keywords: e.target.value })} />
        <p id={`${id}-keywords-hint`} className="mt-1 text-xs text-slate-600">
          {t("keywordsHint")}
        </p>
      </div>
      <label className="flex items-center gap-2 self-center text-sm text-slate-800">
        <input type="checkbox" className="size-4 accent-brand-600" checked={values.active} onChange={(e) => setValues({ ...values, active: e.target.checked })} />
        {t("active")}
      </label>
      <div className="flex gap-2 sm:col-span-4">
        <button type="submit" className={primaryButton} disabled={busy} aria-busy={busy}>
          {entry ? t("save") : t("add")}
        </button>
        {onCancel ? (
          <button type="button" className={secondaryButton} onClick={onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
