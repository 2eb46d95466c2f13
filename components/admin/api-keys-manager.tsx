"use client";
import { useCallback, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { apiFetch } from "@/components/admin/api-client";
import { dangerButton, inputClass, labelClass, primaryButton, secondaryButton, tableClass, tdClass, thClass } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";

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
  const [keys, setKeys] = useState<KeyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: "", role: "chatbot", rate: "" });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<KeyView | null>(null);
  const [copied, setCopied] = useState(false);

  const load = useCallback(async () => {
    const result = await apiFetch<KeyView[]>("/api/admin/api-keys");
    if (result.ok) setKeys(result.data);
    else setError(tu("requestFailed", { message: result.message }));
  }, [tu]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

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
      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}

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
          <div role="status" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3">
            <p className="text-sm font-semibold text-amber-900">{t("created")}</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-amber-200">{created.key}</code>
              <button
                type="button"
                className={secondaryButton}
                onClick={async () => {
                  await navigator.clipboard.writeText(created.key!).catch(() => undefined);
                  setCopied(true);
                }}
              >
                {copied ? tu("copied") : tu("copy")}
              </button>
              <button type="button" className={secondaryButton} onClick={() => setCreated(null)}>
                {tu("close")}
              </button>
            </div>
          </div>
        ) : null}
      </Card>

      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              {(["name", "prefix", "role", "created", "lastUsed", "status"] as const).map((c) => (
                <th key={c} scope="col" className={thClass}>
                  {t(`columns.${c}`)}
                </th>
              ))}
              <th scope="col" className={thClass}>
                <span className="sr-only">{tu("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys === null ? (
              <tr>
                <td colSpan={7} className="px-3 py-8 text-center text-slate-500">
                  {tu("loading")}
                </td>
              </tr>
            ) : keys.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-8 text-center text-slate-500">
                  {t("empty")}
                </td>
              </tr>
            ) : (
              keys.map((k) => (
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
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
