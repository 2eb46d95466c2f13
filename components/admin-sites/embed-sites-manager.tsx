"use client";
import { useCallback, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { useAdminList } from "@/components/admin/use-admin-list";
import { AdminTable } from "@/components/admin/admin-table";
import { FeedbackMessages } from "@/components/admin/feedback-messages";
import { dangerButton, primaryButton, tdClass } from "@/components/admin/form-styles";
import { InputField } from "@/components/admin/form-fields";
import { Card } from "@/components/admin/page-header";
import { SecretReveal } from "@/components/admin/secret-reveal";
import { IdentityTokenChecker } from "@/components/admin-sites/identity-token-checker";
import { SigningSnippet } from "@/components/admin-sites/signing-snippet";
import type { CreatedEmbedSite, EmbedSiteView } from "@/lib/embed/embed-site-schemas";

/** Registered embed sites: register one (its secret is shown once), see which are effective, revoke. */
export function EmbedSitesManager({ allowedOrigins, appUrl }: { allowedOrigins: string[]; appUrl: string }) {
  const t = useTranslations("embed.sites");
  const format = useFormatter();
  const [form, setForm] = useState({ name: "", origin: "" });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedEmbedSite | null>(null);
  const [copied, setCopied] = useState(false);

  const { items: sites, error, setError, reload: load } = useAdminList<EmbedSiteView>("/api/admin/embed-sites", useCallback((message: string) => t("requestFailed", { message }), [t]));

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCopied(false);
    const result = await apiFetch<CreatedEmbedSite>("/api/admin/embed-sites", { method: "POST", body: form });
    setBusy(false);
    if (!result.ok) {
      setError(result.code === "CONFLICT" ? t("conflict") : result.code === "VALIDATION_ERROR" ? t("invalidOrigin") : t("requestFailed", { message: result.message }));
      return;
    }
    setError(null);
    setCreated(result.data);
    setForm({ name: "", origin: "" });
    await load();
  };

  const revoke = async (site: EmbedSiteView) => {
    if (!window.confirm(t("confirmRevoke", { name: site.name, origin: site.origin }))) return;
    const result = await apiFetch(`/api/admin/embed-sites/${site.id}`, { method: "DELETE" });
    if (!result.ok) setError(t("requestFailed", { message: result.message }));
    if (created?.id === site.id) setCreated(null);
    await load();
  };

  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-6">
      <FeedbackMessages error={error} />

      <Card title={t("allowed.title")}>
        <p className="text-sm text-slate-700">{t("allowed.intro")}</p>
        {allowedOrigins.length ? (
          <ul className="mt-3 flex flex-wrap gap-2">
            {allowedOrigins.map((origin) => (
              <li key={origin}>
                <code className="rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-800">{origin}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("allowed.none")}</p>
        )}
      </Card>

      <Card title={t("create.title")}>
        <form onSubmit={create} className="grid grid-cols-1 gap-3 sm:grid-cols-5">
          <InputField
            id="site-name"
            className="sm:col-span-2"
            label={t("create.name")}
            required
            maxLength={100}
            placeholder={t("create.namePlaceholder")}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <InputField
            id="site-origin"
            className="sm:col-span-2"
            label={t("create.origin")}
            hint={t("create.originHint")}
            required
            type="url"
            inputMode="url"
            maxLength={200}
            placeholder="https://www.example.com"
            value={form.origin}
            onChange={(e) => setForm({ ...form, origin: e.target.value })}
          />
          <div className="flex items-start sm:pt-6">
            <button type="submit" className={primaryButton} disabled={busy} aria-busy={busy}>
              {busy ? t("create.submitting") : t("create.submit")}
            </button>
          </div>
        </form>

        {created ? (
          <SecretReveal
            className="space-y-3"
            title={t("created.title", { name: created.name })}
            description={t("created.keepSecret")}
            secret={created.secret}
            copied={copied}
            onCopied={() => setCopied(true)}
            onClose={() => setCreated(null)}
            labels={{ copy: t("copy"), copied: t("copied"), close: t("close") }}
          >
            {!created.allowed ? <p className="text-sm font-medium text-red-800">{t("created.notAllowed", { origin: created.origin })}</p> : null}
            <SigningSnippet appUrl={appUrl} />
          </SecretReveal>
        ) : null}
      </Card>

      <AdminTable
        caption={t("table.caption")}
        columns={(["name", "origin", "embedding", "secret", "created", "status"] as const).map((column) => t(`table.${column}`))}
        actionsLabel={t("table.actions")}
        items={sites}
        loadingLabel={t("loading")}
        emptyLabel={t("table.empty")}
        renderRow={(site) => (
          <tr key={site.id} className={site.revoked_at ? "text-slate-400" : ""}>
            <td className={`${tdClass} font-medium`}>{site.name}</td>
            <td className={tdClass}>
              <code className="font-mono text-xs">{site.origin}</code>
            </td>
            <td className={tdClass}>
              {site.allowed ? (
                <span className="font-medium text-emerald-700">{t("table.allowed")}</span>
              ) : (
                <span className="font-medium text-amber-800" title={t("table.notAllowedHint")}>
                  {t("table.notAllowed")}
                </span>
              )}
            </td>
            <td className={tdClass}>
              <code className="font-mono text-xs">…{site.secret_last4}</code>
            </td>
            <td className={`${tdClass} whitespace-nowrap`}>{date(site.created_at)}</td>
            <td className={tdClass}>{site.revoked_at ? t("table.revoked", { date: date(site.revoked_at) }) : <span className="font-medium text-emerald-700">{t("table.active")}</span>}</td>
            <td className={tdClass}>
              {site.revoked_at ? null : (
                <button type="button" className={dangerButton} onClick={() => void revoke(site)} aria-label={t("table.revokeLabel", { name: site.name })}>
                  {t("table.revoke")}
                </button>
              )}
            </td>
          </tr>
        )}
      />

      <IdentityTokenChecker sites={(sites ?? []).filter((s) => !s.revoked_at)} />
    </div>
  );
}
