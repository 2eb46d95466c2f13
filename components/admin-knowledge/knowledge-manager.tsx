"use client";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { FeedbackMessages } from "@/components/admin/feedback-messages";
import { dangerButton, inputClass, labelClass, secondaryButton } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import { KnowledgeEntryForm, type KnowledgeEntryValues } from "@/components/admin-knowledge/knowledge-entry-form";
import type { KnowledgeEntryView } from "@/lib/faq/faq-schemas";
import type { Locale } from "@/lib/i18n/config";

type Filters = { locale: "" | Locale; q: string };

/** The knowledge base: add, search, edit in place, switch entries off and on, delete. */
export function KnowledgeManager({ defaultLocale }: { defaultLocale: Locale }) {
  const t = useTranslations("faq.admin");
  const [entries, setEntries] = useState<KnowledgeEntryView[] | null>(null);
  const [filters, setFilters] = useState<Filters>({ locale: "", q: "" });
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A new key empties the "add" form after a successful save.
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(async (current: Filters) => {
    const params = new URLSearchParams();
    if (current.locale) params.set("locale", current.locale);
    if (current.q.trim()) params.set("q", current.q.trim());
    const result = await apiFetch<KnowledgeEntryView[]>(`/api/admin/knowledge?${params}`);
    if (result.ok) setEntries(result.data);
    else setError(t("requestFailed", { message: result.message }));
  }, [t]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load({ locale: "", q: "" });
  }, [load]);

  const save = async (values: KnowledgeEntryValues, id?: string) => {
    setBusy(true);
    const result = await apiFetch<KnowledgeEntryView>(id ? `/api/admin/knowledge/${id}` : "/api/admin/knowledge", { method: id ? "PATCH" : "POST", body: values });
    setBusy(false);
    if (!result.ok) {
      setError(t("requestFailed", { message: result.message }));
      return;
    }
    setError(null);
    setNotice(id ? t("updated") : t("added"));
    setEditing(null);
    if (!id) setFormKey((k) => k + 1);
    await load(filters);
  };

  const toggle = async (entry: KnowledgeEntryView) => {
    const result = await apiFetch(`/api/admin/knowledge/${entry.id}`, { method: "PATCH", body: { active: !entry.active } });
    if (!result.ok) setError(t("requestFailed", { message: result.message }));
    await load(filters);
  };

  const remove = async (entry: KnowledgeEntryView) => {
    if (!window.confirm(t("confirmDelete", { question: entry.question }))) return;
    const result = await apiFetch(`/api/admin/knowledge/${entry.id}`, { method: "DELETE" });
    if (!result.ok) setError(t("requestFailed", { message: result.message }));
    else setNotice(t("deleted"));
    await load(filters);
  };

  return (
    <div className="space-y-6">
      <FeedbackMessages error={error} notice={notice} />

      <Card title={t("addTitle")}>
        <KnowledgeEntryForm key={formKey} entry={null} defaultLocale={defaultLocale} busy={busy} onSubmit={(values) => void save(values)} />
      </Card>

      <Card title={t("listTitle", { count: entries?.length ?? 0 })}>
        <form
          className="mb-4 flex flex-wrap items-end gap-3"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            void load(filters);
          }}
        >
          <div className="min-w-56 flex-1">
            <label htmlFor="kb-search" className={labelClass}>
              {t("search")}
            </label>
            <input id="kb-search" type="search" maxLength={200} className={inputClass} value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.target.value })} />
          </div>
          <div>
            <label htmlFor="kb-filter-locale" className={labelClass}>
              {t("locale")}
            </label>
            <select id="kb-filter-locale" className={inputClass} value={filters.locale} onChange={(e) => setFilters({ ...filters, locale: e.target.value as Filters["locale"] })}>
              <option value="">{t("allLocales")}</option>
              <option value="it">{t("locales.it")}</option>
              <option value="en">{t("locales.en")}</option>
            </select>
          </div>
          <button type="submit" className={secondaryButton}>
            {t("filter")}
          </button>
        </form>

        {entries === null ? (
          <p className="py-6 text-center text-sm text-slate-500">{t("loading")}</p>
        ) : entries.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {entries.map((entry) => (
              <li key={entry.id} className="py-3">
                {editing === entry.id ? (
                  <KnowledgeEntryForm entry={entry} defaultLocale={defaultLocale} busy={busy} onSubmit={(values) => void save(values, entry.id)} onCancel={() => setEditing(null)} />
                ) : (
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className={`min-w-0 flex-1 ${entry.active ? "" : "opacity-60"}`}>
                      <p className="font-medium text-slate-900">
                        <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold uppercase text-slate-600">{entry.locale}</span>
                        {entry.question}
                        {entry.active ? null : <span className="ml-2 text-xs font-medium text-slate-500">{t("inactive")}</span>}
                      </p>
                      <p className="mt-1 line-clamp-3 whitespace-pre-wrap text-sm text-slate-700">{entry.answer}</p>
                      {entry.keywords.length ? <p className="mt-1 text-xs text-slate-500">{t("keywordsList", { keywords: entry.keywords.join(", ") })}</p> : null}
                    </div>
                    <div className="flex shrink-0 flex-wrap gap-2">
                      <button type="button" className={secondaryButton} onClick={() => setEditing(entry.id)} aria-label={t("editLabel", { question: entry.question })}>
                        {t("edit")}
                      </button>
                      <button type="button" className={secondaryButton} onClick={() => void toggle(entry)}>
                        {entry.active ? t("deactivate") : t("activate")}
                      </button>
                      <button type="button" className={dangerButton} onClick={() => void remove(entry)} aria-label={t("deleteLabel", { question: entry.question })}>
                        {t("delete")}
                      </button>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
