"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";

export function ContactNoteForm({ contactId }: { contactId: string }) {
  const t = useTranslations("contacts.contact");
  const router = useRouter();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const result = await apiFetch(`/api/contacts/${contactId}/notes`, { method: "POST", body: { body } });
        setBusy(false);
        if (!result.ok) return setError(result.message);
        setBody("");
        setError(null);
        router.refresh();
      }}
      className="space-y-2"
    >
      <label htmlFor="contact-note" className="block text-sm text-slate-700">
        {t("addNote")}
      </label>
      <textarea id="contact-note" value={body} required maxLength={5000} rows={2} onChange={(event) => setBody(event.target.value)} className="w-full rounded-lg border border-slate-300 p-2 text-sm" />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy || !body.trim()} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
        {t("saveNote")}
      </button>
    </form>
  );
}
