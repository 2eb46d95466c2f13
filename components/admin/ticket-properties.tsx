"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { inputClass, labelClass, secondaryButton } from "@/components/admin/form-styles";
import { PRIORITIES } from "@/lib/schemas/common";
import { allowedTransitions } from "@/lib/tickets/ticket-lifecycle";
import type { TicketStatus } from "@/lib/tickets/ticket-schemas";

interface Props {
  ticketId: string;
  status: TicketStatus;
  priority: (typeof PRIORITIES)[number];
  assigneeId: string | null;
  tags: string[];
  operators: { id: string; name: string; active: boolean }[];
}

/** Status (only the lifecycle's next steps are offered), priority, assignee and tags; each change is saved at once. */
export function TicketProperties({ ticketId, status, priority, assigneeId, tags, operators }: Props) {
  const t = useTranslations("admin.ticket");
  const ts = useTranslations("admin.status");
  const tp = useTranslations("admin.priority");
  const tu = useTranslations("admin.ui");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [tagText, setTagText] = useState(tags.join(", "));

  const save = async (patch: Record<string, unknown>) => {
    setBusy(true);
    setMessage(null);
    const result = await apiFetch(`/api/tickets/${ticketId}`, { method: "PATCH", body: patch });
    setBusy(false);
    if (!result.ok) {
      const details = result.details as { from?: TicketStatus; to?: TicketStatus } | undefined;
      setMessage({
        tone: "error",
        text: result.code === "INVALID_STATE" && details?.from && details.to ? t("transitionRefused", { from: ts(details.from), to: ts(details.to) }) : tu("requestFailed", { message: result.message }),
      });
      return;
    }
    setMessage({ tone: "ok", text: tu("saved") });
    router.refresh();
  };

  const statuses: TicketStatus[] = [status, ...allowedTransitions(status)];
  return (
    <div className="space-y-4">
      <div>
        <label htmlFor="ticket-status" className={labelClass}>
          {t("status")}
        </label>
        <select id="ticket-status" className={inputClass} value={status} disabled={busy || statuses.length === 1} onChange={(e) => void save({ status: e.target.value })}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="ticket-priority" className={labelClass}>
          {t("priority")}
        </label>
        <select id="ticket-priority" className={inputClass} value={priority} disabled={busy} onChange={(e) => void save({ priority: e.target.value })}>
          {[...PRIORITIES].reverse().map((p) => (
            <option key={p} value={p}>
              {tp(p)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="ticket-assignee" className={labelClass}>
          {t("assignee")}
        </label>
        <select
          id="ticket-assignee"
          className={inputClass}
          value={assigneeId ?? ""}
          disabled={busy}
          onChange={(e) => void save({ assignee_id: e.target.value || null })}
        >
          <option value="">{t("unassigned")}</option>
          {operators
            .filter((o) => o.active || o.id === assigneeId)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </select>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save({ tags: tagText.split(",").map((s) => s.trim()).filter(Boolean) });
        }}
      >
        <label htmlFor="ticket-tags" className={labelClass}>
          {t("tags")}
        </label>
        <input id="ticket-tags" className={inputClass} value={tagText} onChange={(e) => setTagText(e.target.value)} aria-describedby="ticket-tags-hint" />
        <p id="ticket-tags-hint" className="mt-1 text-xs text-slate-500">
          {t("tagsHint")}
        </p>
        <button type="submit" className={`${secondaryButton} mt-2`} disabled={busy}>
          {t("saveTags")}
        </button>
      </form>
      <p role="status" aria-live="polite" className={`min-h-5 text-sm ${message?.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
        {message?.text}
      </p>
    </div>
  );
}
