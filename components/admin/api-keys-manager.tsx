"use client";
import { useCallback, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { useAdminList } from "@/components/admin/use-admin-list";
import { AdminTable } from "@/components/admin/admin-table";
import { FeedbackMessages } from "@/components/admin/feedback-messages";
import { dangerButton, inputClass, labelClass, primaryButton, tdClass } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import { SecretReveal } from "@/components/admin/secret-reveal";

interface KeyView {
  id: string;
  name: string;
  prefix: string;
  role: "chatbot" | "admin";
  rate_limit_per_minute: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  key?: string;
}

/** API keys through the lead's /api/admin/api-keys: create (the value is shown once), list, revoke. */
export function ApiKeysManager() {
  const t = useTranslations("admin.apiKeys");
  const tu = useTranslations("admin.ui");
  const format = useFormatter();
  const [form, setForm] = useState({ name: "", role: "chatbot", rate: "" });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<KeyView | null>(null);
  const [copied, setCopied] = useState(false);

  const { items: keys, error, setError, reload: load } = useAdminList<KeyView>("/api/admin/api-keys", useCallback((message: string) => tu("requestFailed", { message }), [tu]));

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCopied(false);
    const result = await apiFetch<KeyView>("/api/admin/api-keys", {
      method: "POST",
      body: { name: form.name, role: form.role, rate_limit_per_minute: form.rate ? Number(form.rate) : null },
    });
    setBusy(false);
    if (!result.ok) {
      setError(tu("requestFailed", { message: result.message }));
      return;
    }
    setError(null);
    setCreated(result.data);
    setForm({ name: "", role: "chatbot", rate: "" });
    await load();
  };

  const revoke = async (key: KeyView) => {
    if (!window.confirm(t("confirmRevoke", { name: key.name }))) return;
    const result = await apiFetch(`/api/admin/api-keys/${key.id}`, { method: "DELETE" });
    if (!result.ok) setError(tu("requestFailed", { message: result.message }));
    await load();
  };

  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-6">
      <FeedbackMessages error={error} />

      <Card title={t("create")}>
        <form onSubmit={create} className="grid grid-cols-1 gap-3 sm:grid-cols-4">
          <div className="sm:col-span-2">
            <label htmlFor="key-name" className={labelClass}>
              {t("name")}
            </label>
            <input id="key-name" required maxLength={100} placeholder={t("namePlaceholder")} className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </div>
          <div>
            <label htmlFor="key-role" className={labelClass}>
              {t("role")}
            </label>
            <select id="key-role" className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
              <option value="chatbot">{t("roles.chatbot")}</option>
              <option value="admin">{t("roles.admin")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="key-rate" className={labelClass}>
              {t("rateLimit")}
            </label>
            <input id="key-rate" type="number" min={1} max={100000} className={inputClass} value={form.rate} onChange={(e) => setForm({ ...form, rate: e.target.value })} />
          </div>
          <div>
            <button type="submit" className={primaryButton} disabled={busy}>
              {t("submit")}
            </button>
          </div>
        </form>
        {created?.key ? (
          <SecretReveal
            className="space-y-2"
            title={t("created")}
            secret={created.key}
            copied={copied}
            onCopied={() => setCopied(true)}
            onClose={() => setCreated(null)}
            labels={{ copy: tu("copy"), copied: tu("copied"), close: tu("close") }}
          />
        ) : null}
      </Card>

      <AdminTable
        columns={(["name", "prefix", "role", "created", "lastUsed", "status"] as const).map((c) => t(`columns.${c}`))}
        actionsLabel={tu("actions")}
        items={keys}
        loadingLabel={tu("loading")}
        emptyLabel={t("empty")}
        renderRow={(k) => (
          <tr key={k.id} className={k.revoked_at ? "text-slate-400" : ""}>
            <td className={`${tdClass} font-medium`}>{k.name}</td>
            <td className={tdClass}>
              <code className="font-mono text-xs">{k.prefix}…</code>
            </td>
            <td className={tdClass}>{t(`roles.${k.role}`)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{date(k.created_at)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{k.last_used_at ? format.relativeTime(new Date(k.last_used_at)) : t("never")}</td>
            <td className={tdClass}>{k.revoked_at ? t("revoked", { date: date(k.revoked_at) }) : <span className="font-medium text-emerald-700">{t("active")}</span>}</td>
            <td className={tdClass}>
              {k.revoked_at ? null : (
                <button type="button" className={dangerButton} onClick={() => void revoke(k)}>
                  {t("revoke")}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
