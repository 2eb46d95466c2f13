"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { secondaryButton } from "@/components/admin/form-styles";
import { InputField, SelectField } from "@/components/admin/form-fields";
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
      <SelectField
        id="ticket-status"
        label={t("status")}
        value={status}
        disabled={busy || statuses.length === 1}
        onChange={(e) => void save({ status: e.target.value })}
        options={statuses.map((s) => ({ value: s, label: ts(s) }))}
      />
      <SelectField
        id="ticket-priority"
        label={t("priority")}
        value={priority}
        disabled={busy}
        onChange={(e) => void save({ priority: e.target.value })}
        options={[...PRIORITIES].reverse().map((p) => ({ value: p, label: tp(p) }))}
      />
      <SelectField
        id="ticket-assignee"
        label={t("assignee")}
        value={assigneeId ?? ""}
        disabled={busy}
        onChange={(e) => void save({ assignee_id: e.target.value || null })}
        options={[{ value: "", label: t("unassigned") }, ...operators.filter((o) => o.active || o.id === assigneeId).map((o) => ({ value: o.id, label: o.name }))]}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save({ tags: tagText.split(",").map((s) => s.trim()).filter(Boolean) });
        }}
      >
        <InputField id="ticket-tags" label={t("tags")} hint={t("tagsHint")} value={tagText} onChange={(e) => setTagText(e.target.value)} />
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
