"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { inputClass, labelClass, primaryButton } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import type { EmbedSiteView, IdentityVerificationView } from "@/lib/embed/embed-site-schemas";

/** Integrators paste a token their server signed and see what Sportello makes of it, and why. */
export function IdentityTokenChecker({ sites }: { sites: EmbedSiteView[] }) {
  const t = useTranslations("embed.checker");
  const [token, setToken] = useState("");
  const [origin, setOrigin] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IdentityVerificationView | { error: string } | null>(null);

  const check = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const response = await apiFetch<IdentityVerificationView>("/api/admin/embed-sites/verify", { method: "POST", body: { token, ...(origin ? { origin } : {}) } });
    setBusy(false);
    setResult(response.ok ? response.data : { error: response.message });
  };

  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-700">{t("intro")}</p>
      <form onSubmit={check} className="space-y-3">
        <div>
          <label htmlFor="token-value" className={labelClass}>
            {t("token")}
          </label>
          <textarea id="token-value" required rows={3} maxLength={4096} spellCheck={false} className={`${inputClass} font-mono text-xs`} value={token} onChange={(e) => setToken(e.target.value)} />
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <label htmlFor="token-origin" className={labelClass}>
              {t("origin")}
            </label>
            <select id="token-origin" className={inputClass} value={origin} onChange={(e) => setOrigin(e.target.value)}>
              <option value="">{t("anySite")}</option>
              {sites.map((site) => (
                <option key={site.id} value={site.origin}>
                  {site.name} — {site.origin}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={primaryButton} disabled={busy} aria-busy={busy}>
            {t("submit")}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {result && "error" in result ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t("failed", { message: result.error })}
          </p>
        ) : null}
        {result && "verified" in result && result.verified ? (
          <p className="mt-3 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t("verified", { email: result.email, name: result.name ?? "—" })}
          </p>
        ) : null}
        {result && "verified" in result && !result.verified ? (
          <p className="mt-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t(`reasons.${result.reason}`)}</p>
        ) : null}
      </div>
    </Card>
  );
}
