"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import type { RetentionSettings } from "@/lib/privacy/retention-schemas";

/** How long closed conversations and tickets keep personal data: keep (default) or a number of days. */
export function RetentionForm() {
  const t = useTranslations("contacts.privacy");
  const [keep, setKeep] = useState(true);
  const [days, setDays] = useState("365");
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      const result = await apiFetch<RetentionSettings>("/api/admin/privacy/retention");
      if (!result.ok) return;
      setKeep(result.data.closed_days === null);
      if (result.data.closed_days !== null) setDays(String(result.data.closed_days));
    })();
  }, []);
  return (
    <form
      className="space-y-2 text-sm"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await apiFetch<RetentionSettings>("/api/admin/privacy/retention", { method: "PUT", body: { closed_days: keep ? null : Number(days) } });
        if (!result.ok) {
          setStatus(null);
          return setError(result.message);
        }
        setError(null);
        setStatus(t("saved"));
      }}
    >
      <p className="text-slate-600">{t("retentionHelp")}</p>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={keep} onChange={(event) => setKeep(event.target.checked)} />
        {t("keep")}
      </label>
      {keep ? null : (
        <label className="flex items-center gap-2">
          {t("days")}
          <input type="number" min={1} max={3650} required value={days} onChange={(event) => setDays(event.target.value)} className="w-28 rounded-lg border border-slate-300 px-2 py-1" />
        </label>
      )}
      <button type="submit" className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
        {t("save")}
      </button>
      <p role="status" className="text-emerald-800">
        {status}
      </p>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
