"use client";
import { useCallback, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { AdminTable } from "@/components/admin/admin-table";
import { FeedbackMessages } from "@/components/admin/feedback-messages";
import { dangerButton, inputClass, labelClass, primaryButton, secondaryButton, tdClass } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import { useAdminList } from "@/components/admin/use-admin-list";
import { LOCALES } from "@/lib/i18n/config";
import { CANNED_VARIABLES } from "@/lib/canned/render-canned-response";
import type { CannedResponseView, CannedScope } from "@/lib/schemas/canned-responses";

type Draft = { id: string | null; shortcut: string; title: string; scope: CannedScope; team: string; bodies: Record<string, string> };
const EMPTY: Draft = { id: null, shortcut: "", title: "", scope: "personal", team: "", bodies: {} };

/**
 * Canned responses through /api/chat/canned-responses: an admin manages team and desk-wide ones (and their own), an
 * operator their personal ones; everyone sees what they may use, with its usage count.
 */
export function CannedResponsesManager({ admin }: { admin: boolean }) {
  const t = useTranslations("canned.manager");
  const tu = useTranslations("admin.ui");
  const format = useFormatter();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { items, error, setError, reload } = useAdminList<CannedResponseView>(
    "/api/chat/canned-responses?limit=200",
    useCallback((message: string) => tu("requestFailed", { message }), [tu]),
  );

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const bodies = Object.fromEntries(Object.entries(draft.bodies).filter(([, text]) => text.trim()));
    const body = { shortcut: draft.shortcut, title: draft.title, scope: draft.scope, bodies, ...(draft.scope === "team" ? { team: draft.team } : {}) };
    const result = draft.id
      ? await apiFetch(`/api/chat/canned-responses/${draft.id}`, { method: "PATCH", body })
      : await apiFetch("/api/chat/canned-responses", { method: "POST", body });
    setBusy(false);
    if (!result.ok) {
      const details = Array.isArray(result.details) ? (result.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`).join("; ") : "";
      setError(tu("requestFailed", { message: details ? `${result.message} (${details})` : result.message }));
      return;
    }
    setError(null);
    setNotice(draft.id ? t("saved") : t("created"));
    setDraft(EMPTY);
    await reload();
  };

  const remove = async (item: CannedResponseView) => {
    if (!window.confirm(t("confirmDelete", { shortcut: item.shortcut }))) return;
    const result = await apiFetch(`/api/chat/canned-responses/${item.id}`, { method: "DELETE" });
    if (!result.ok) setError(tu("requestFailed", { message: result.message }));
    else setNotice(t("deleted"));
    await reload();
  };

  const edit = (item: CannedResponseView) =>
    setDraft({ id: item.id, shortcut: item.shortcut, title: item.title, scope: item.scope, team: item.team?.slug ?? "", bodies: { ...item.bodies } });

  const scopeLabel = (item: CannedResponseView) => (item.scope === "team" && item.team ? t("scopeTeam", { team: item.team.name }) : t(`scopes.${item.scope}`));

  return (
    <div className="space-y-6">
      <FeedbackMessages error={error} notice={notice} />

      <Card title={draft.id ? t("edit", { shortcut: draft.shortcut }) : t("create")}>
        <form onSubmit={save} className="grid grid-cols-1 gap-3 sm:grid-cols-4">
          <div>
            <label htmlFor="canned-shortcut" className={labelClass}>
              {t("shortcut")}
            </label>
            <input id="canned-shortcut" required maxLength={40} placeholder="refund" className={inputClass} value={draft.shortcut} onChange={(e) => setDraft({ ...draft, shortcut: e.target.value })} />
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="canned-title" className={labelClass}>
              {t("title")}
            </label>
            <input id="canned-title" required maxLength={120} className={inputClass} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          </div>
          <div>
            <label htmlFor="canned-scope" className={labelClass}>
              {t("scope")}
            </label>
            <select id="canned-scope" className={inputClass} value={draft.scope} disabled={!admin} onChange={(e) => setDraft({ ...draft, scope: e.target.value as CannedScope })}>
              <option value="personal">{t("scopes.personal")}</option>
              {admin ? <option value="team">{t("scopes.team")}</option> : null}
              {admin ? <option value="everyone">{t("scopes.everyone")}</option> : null}
            </select>
          </div>
          {draft.scope === "team" ? (
            <div>
              <label htmlFor="canned-team" className={labelClass}>
                {t("team")}
              </label>
              <input id="canned-team" required maxLength={100} placeholder="billing" className={inputClass} value={draft.team} onChange={(e) => setDraft({ ...draft, team: e.target.value })} />
            </div>
          ) : null}
          {LOCALES.map((locale) => (
            <div key={locale} className="sm:col-span-4">
              <label htmlFor={`canned-body-${locale}`} className={labelClass}>
                {t("body", { locale: locale.toUpperCase() })}
              </label>
              <textarea
                id={`canned-body-${locale}`}
                rows={3}
                maxLength={4000}
                className={inputClass}
                value={draft.bodies[locale] ?? ""}
                onChange={(e) => setDraft({ ...draft, bodies: { ...draft.bodies, [locale]: e.target.value } })}
              />
            </div>
          ))}
          <p className="text-xs text-slate-600 sm:col-span-4">{t("variables", { list: CANNED_VARIABLES.map((name) => `{{${name}}}`).join(" ") })}</p>
          <div className="flex gap-2 sm:col-span-4">
            <button type="submit" className={primaryButton} disabled={busy}>
              {draft.id ? t("save") : t("submit")}
            </button>
            {draft.id ? (
              <button type="button" className={secondaryButton} onClick={() => setDraft(EMPTY)}>
                {t("cancel")}
              </button>
            ) : null}
          </div>
        </form>
      </Card>

      <AdminTable
        columns={(["shortcut", "title", "scope", "locales", "uses", "lastUsed"] as const).map((c) => t(`columns.${c}`))}
        actionsLabel={tu("actions")}
        items={items}
        loadingLabel={tu("loading")}
        emptyLabel={t("empty")}
        renderRow={(item) => (
          <tr key={item.id}>
            <td className={`${tdClass} font-mono font-semibold text-brand-700`}>/{item.shortcut}</td>
            <td className={tdClass}>{item.title}</td>
            <td className={tdClass}>{scopeLabel(item)}</td>
            <td className={tdClass}>{Object.keys(item.bodies).join(", ").toUpperCase()}</td>
            <td className={`${tdClass} tabular-nums`}>{item.usage_count}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{item.last_used_at ? format.relativeTime(new Date(item.last_used_at)) : t("never")}</td>
            <td className={`${tdClass} whitespace-nowrap`}>
              {item.can_edit ? (
                <span className="flex gap-2">
                  <button type="button" className={secondaryButton} onClick={() => edit(item)} aria-label={t("editOne", { shortcut: item.shortcut })}>
                    {t("editButton")}
                  </button>
                  <button type="button" className={dangerButton} onClick={() => void remove(item)} aria-label={t("deleteOne", { shortcut: item.shortcut })}>
                    {t("delete")}
                  </button>
                </span>
              ) : null}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
