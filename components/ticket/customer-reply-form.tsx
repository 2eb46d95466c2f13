"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";

/** The customer's answer on their ticket page; a ticket waiting on them or resolved opens again. */
export function CustomerReplyForm({ token, reopens }: { token: string; reopens: boolean }) {
  const t = useTranslations("ticket.reply");
  const router = useRouter();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setFeedback(null);
    const result = await apiFetch(`/api/public/tickets/${token}`, { method: "POST", body: { body } });
    setBusy(false);
    if (!result.ok) {
      setFeedback({ tone: "error", text: result.status === 429 ? t("tooMany") : t("failed") });
      return;
    }
    setBody("");
    setFeedback({ tone: "ok", text: t("sent") });
    router.refresh();
  };

  return (
    <form onSubmit={submit} className="space-y-3">
      <label htmlFor="customer-reply" className="block text-sm font-semibold text-slate-800">
        {t("label")}
      </label>
      <textarea
        id="customer-reply"
        required
        rows={4}
        maxLength={4000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={t("placeholder")}
        aria-describedby={reopens ? "customer-reply-hint" : undefined}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
      />
      {reopens ? (
        <p id="customer-reply-hint" className="text-xs text-slate-500">
          {t("reopens")}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {busy ? t("sending") : t("send")}
        </button>
        <p role="status" aria-live="polite" className={`text-sm ${feedback?.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {feedback?.text}
        </p>
      </div>
    </form>
  );
}
