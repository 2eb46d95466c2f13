"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { ATTACHMENT_TYPES } from "@/lib/attachments/attachment-types";
import { inputClass, labelClass, primaryButton } from "@/components/admin/form-styles";
import { CannedPicker } from "@/components/canned/canned-picker";
import { useCannedPicker } from "@/components/canned/use-canned-picker";

type Mode = "reply" | "note";

/** Reply to the customer (email and/or WhatsApp, through the outbox) or leave an internal note. */
export function TicketComposer({ ticketId, hasEmail, hasPhone, closed }: { ticketId: string; hasEmail: boolean; hasPhone: boolean; closed: boolean }) {
  const t = useTranslations("admin.ticket.composer");
  const ts = useTranslations("admin.status");
  const tu = useTranslations("admin.ui");
  const router = useRouter();
  const id = useId();
  const [mode, setMode] = useState<Mode>(closed ? "note" : "reply");
  const canned = useCannedPicker({ ticketId });
  const [body, setBody] = [canned.text, canned.setText];
  const [email, setEmail] = useState(hasEmail);
  const [whatsapp, setWhatsapp] = useState(!hasEmail && hasPhone);
  const [status, setStatus] = useState<"" | "pending" | "resolved" | "open">("pending");
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  // Files for the reply: uploaded at once (POST /api/tickets/{id}/attachments), sent with it by email and WhatsApp.
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);

  const attach = async (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      setUploading(file.name);
      const form = new FormData();
      form.append("file", file);
      const result = await apiFetch<{ id: string; name: string }>(`/api/tickets/${ticketId}/attachments`, { method: "POST", body: form });
      if (!result.ok) {
        setFeedback({ tone: "error", text: tu("requestFailed", { message: result.message }) });
        break;
      }
      setFiles((previous) => [...previous, { id: result.data.id, name: result.data.name }]);
    }
    setUploading(null);
  };

  const channels = [...(email ? ["email"] : []), ...(whatsapp ? ["whatsapp"] : [])];
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim() || canned.unfilled.length > 0) return;
    if (mode === "reply" && channels.length === 0) {
      setFeedback({ tone: "error", text: t("noChannel") });
      return;
    }
    setBusy(true);
    setFeedback(null);
    const result =
      mode === "reply"
        ? await apiFetch(`/api/tickets/${ticketId}/replies`, { method: "POST", body: { body, channels, ...(status ? { status } : {}), canned_response_ids: canned.takeUsed(body), ...(files.length ? { attachment_ids: files.map((f) => f.id) } : {}) } })
        : await apiFetch(`/api/tickets/${ticketId}/notes`, { method: "POST", body: { body } });
    setBusy(false);
    if (!result.ok) {
      setFeedback({ tone: "error", text: tu("requestFailed", { message: result.message }) });
      return;
    }
    setBody("");
    if (mode === "reply") setFiles([]);
    setFeedback({ tone: "ok", text: mode === "reply" ? t("sent") : t("noteAdded") });
    router.refresh();
  };

  const tab = (value: Mode, label: string, disabled = false) => (
    <button
      type="button"
      role="tab"
      id={`${id}-${value}`}
      aria-selected={mode === value}
      aria-controls={`${id}-panel`}
      disabled={disabled}
      onClick={() => setMode(value)}
      className={`rounded-t-lg border-b-2 px-4 py-2 text-sm font-semibold disabled:opacity-40 ${
        mode === value ? (value === "note" ? "border-amber-500 text-amber-800" : "border-brand-600 text-brand-700") : "border-transparent text-slate-600 hover:text-slate-900"
      }`}
    >
      {label}
    </button>
  );

  return (
    <section aria-label={t("label")} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div role="tablist" className="flex gap-1 border-b border-slate-200 px-3 pt-2">
        {tab("reply", t("reply"), closed)}
        {tab("note", t("note"))}
      </div>
      <form id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-${mode}`} onSubmit={submit} className={`space-y-3 p-4 ${mode === "note" ? "bg-amber-50/60" : ""}`}>
        {closed && mode === "reply" ? <p className="text-sm text-slate-600">{t("closed")}</p> : null}
        <label htmlFor={`${id}-body`} className="sr-only">
          {mode === "reply" ? t("reply") : t("note")}
        </label>
        <div className="relative">
          <CannedPicker picker={canned} />
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => canned.onChange(e.target.value, e.target.selectionStart)}
          onKeyDown={(e) => canned.onKeyDown(e)}
          {...canned.inputProps}
          rows={5}
          maxLength={mode === "reply" ? 4000 : 10000}
          required
          placeholder={mode === "reply" ? t("replyPlaceholder") : t("notePlaceholder")}
          className={inputClass}
        />
        </div>
        {mode === "reply" ? (
          <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
            <fieldset>
              <legend className={labelClass}>{t("channels")}</legend>
              <div className="flex gap-4 text-sm">
                <label className={`inline-flex items-center gap-2 ${hasEmail ? "text-slate-800" : "text-slate-400"}`}>
                  <input type="checkbox" checked={email} disabled={!hasEmail} onChange={(e) => setEmail(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
                  Email {hasEmail ? "" : `(${t("noEmail")})`}
                </label>
                <label className={`inline-flex items-center gap-2 ${hasPhone ? "text-slate-800" : "text-slate-400"}`}>
                  <input type="checkbox" checked={whatsapp} disabled={!hasPhone} onChange={(e) => setWhatsapp(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
                  WhatsApp {hasPhone ? "" : `(${t("noPhone")})`}
                </label>
              </div>
            </fieldset>
            <div>
              <label htmlFor={`${id}-files`} className={labelClass}>
                {t("attach")}
              </label>
              <input
                id={`${id}-files`}
                type="file"
                multiple
                accept={ATTACHMENT_TYPES.join(",")}
                disabled={uploading !== null}
                onChange={(e) => {
                  void attach(e.target.files);
                  e.target.value = "";
                }}
                className="block text-sm text-slate-700"
              />
            </div>
            <div>
              <label htmlFor={`${id}-status`} className={labelClass}>
                {t("submitAs")}
              </label>
              <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} className={inputClass}>
                <option value="">{t("keepStatus")}</option>
                <option value="pending">{ts("pending")}</option>
                <option value="resolved">{ts("resolved")}</option>
                <option value="open">{ts("open")}</option>
              </select>
            </div>
          </div>
        ) : null}
        {mode === "reply" && (files.length > 0 || uploading) ? (
          <ul aria-label={t("attachments")} className="flex flex-wrap gap-2 text-sm">
            {files.map((file) => (
              <li key={file.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-3 py-1 text-slate-800">
                📎 {file.name}
                <button type="button" aria-label={t("remove", { name: file.name })} onClick={() => setFiles((previous) => previous.filter((f) => f.id !== file.id))} className="ml-1 rounded px-1 font-semibold text-slate-600 hover:bg-slate-200">
                  ×
                </button>
              </li>
            ))}
            {uploading ? <li className="text-slate-600">{t("uploading", { name: uploading })}</li> : null}
          </ul>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={primaryButton} disabled={busy || uploading !== null || (closed && mode === "reply")}>
            {busy ? t("sending") : mode === "reply" ? t("send") : t("addNote")}
          </button>
          <p role="status" aria-live="polite" className={`text-sm ${feedback?.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
            {feedback?.text}
          </p>
        </div>
      </form>
    </section>
  );
}
