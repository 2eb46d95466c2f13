"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";

interface EraseResult {
  removed: { messages: number; attachments: number; conversations: number; tickets: number };
}

/** Admin only: download everything held about the person, or erase their personal data (after a confirmation). */
export function PrivacyActions({ contactId, erased }: { contactId: string; erased: boolean }) {
  const t = useTranslations("contacts.privacy");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="privacy-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="privacy-heading" className="mb-3 text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <div className="flex flex-wrap gap-2">
        <a href={`/api/admin/contacts/${contactId}/export`} download className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
          {t("export")}
        </a>
        {erased ? null : (
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              if (!window.confirm(t("eraseConfirm"))) return;
              setBusy(true);
              const result = await apiFetch<EraseResult>(`/api/admin/contacts/${contactId}/erase`, { method: "POST" });
              setBusy(false);
              if (!result.ok) return setError(result.message);
              setMessage(t("erasedSummary", result.data.removed));
              router.refresh();
            }}
            className="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
          >
            {t("erase")}
          </button>
        )}
      </div>
      <p role="status" className="mt-2 text-sm text-slate-700">
        {message}
      </p>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
