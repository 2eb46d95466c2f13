"use client";
import { useCallback, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { useAdminList } from "@/components/admin/use-admin-list";
import { AdminTable } from "@/components/admin/admin-table";
import { FeedbackMessages } from "@/components/admin/feedback-messages";
import { dangerButton, inputClass, labelClass, primaryButton, secondaryButton, tdClass } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import { SecretReveal } from "@/components/admin/secret-reveal";
import { WEBHOOK_EVENT_TYPES } from "@/lib/schemas/webhooks";

interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  include_customer_messages: boolean;
  active: boolean;
  secret_prefix: string;
  previous_secret_expires_at: string | null;
  consecutive_failures: number;
  disabled_reason: string | null;
  created_at: string;
  secret?: string;
}

interface DeliveryView {
  id: string;
  event_id: string;
  type: string;
  status: string;
  attempts: number;
  last_response_status: number | null;
  last_error: string | null;
  created_at: string;
  attempt_log: { attempt: number; at: string; duration_ms: number; response_status: number | null; error: string | null }[];
}

/** Outbound webhooks: register (the secret is shown once), pause, rotate the secret, delete, and each endpoint's log. */
export function WebhooksManager() {
  const t = useTranslations("admin.webhooks");
  const tu = useTranslations("admin.ui");
  const format = useFormatter();
  const [form, setForm] = useState({ url: "", description: "", events: new Set<string>(["session.assigned", "message.created", "session.handed_back", "session.closed"]), customer: false });
  const [busy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<{ title: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [log, setLog] = useState<{ endpoint: EndpointView; items: DeliveryView[] } | null>(null);

  const failed = useCallback((message: string) => tu("requestFailed", { message }), [tu]);
  const { items: endpoints, error, setError, reload } = useAdminList<EndpointView>("/api/admin/webhooks", failed);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });

  const request = async <T,>(path: string, init: { method: string; body?: unknown }): Promise<T | null> => {
    const result = await apiFetch<T>(path, init);
    if (!result.ok) {
      setError(failed(result.message));
      return null;
    }
    setError(null);
    return result.data;
  };

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCopied(false);
    const created = await request<EndpointView>("/api/admin/webhooks", {
      method: "POST",
      body: { url: form.url, events: [...form.events], description: form.description || undefined, include_customer_messages: form.customer },
    });
    setBusy(false);
    if (!created?.secret) return;
    setRevealed({ title: t("created"), secret: created.secret });
    setForm({ ...form, url: "", description: "" });
    await reload();
  };

  const toggle = async (endpoint: EndpointView) => {
    await request(`/api/admin/webhooks/${endpoint.id}`, { method: "PATCH", body: { active: !endpoint.active } });
    await reload();
  };

  const rotate = async (endpoint: EndpointView) => {
    if (!window.confirm(t("confirmRotate"))) return;
    setCopied(false);
    const rotated = await request<EndpointView>(`/api/admin/webhooks/${endpoint.id}/rotate-secret`, { method: "POST" });
    if (rotated?.secret) setRevealed({ title: t("rotated"), secret: rotated.secret });
    await reload();
  };

  const remove = async (endpoint: EndpointView) => {
    if (!window.confirm(t("confirmDelete", { url: endpoint.url }))) return;
    await request(`/api/admin/webhooks/${endpoint.id}`, { method: "DELETE" });
    if (log?.endpoint.id === endpoint.id) setLog(null);
    await reload();
  };

  const openLog = async (endpoint: EndpointView) => {
    const page = await request<{ items: DeliveryView[] }>(`/api/admin/webhooks/${endpoint.id}/deliveries`, { method: "GET" });
    if (page) setLog({ endpoint, items: page.items });
  };

  const replay = async (delivery: DeliveryView) => {
    await request(`/api/admin/webhooks/deliveries/${delivery.id}/replay`, { method: "POST" });
    if (log) await openLog(log.endpoint);
  };

  return (
    <div className="space-y-6">
      <FeedbackMessages error={error} />

      <Card title={t("create")}>
        <form onSubmit={create} className="space-y-3">
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="webhook-url" className={labelClass}>
                {t("url")}
              </label>
              <input id="webhook-url" type="url" required maxLength={2000} placeholder="https://bot.example.com/sportello" className={inputClass} value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
            </div>
            <div>
              <label htmlFor="webhook-description" className={labelClass}>
                {t("description")}
              </label>
              <input id="webhook-description" maxLength={500} className={inputClass} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
            </div>
          </div>
          <fieldset>
            <legend className={labelClass}>{t("events")}</legend>
            <div className="grid grid-cols-1 gap-1 sm:grid-cols-3">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    checked={form.events.has(type)}
                    onChange={(e) => {
                      const events = new Set(form.events);
                      if (e.target.checked) events.add(type);
                      else events.delete(type);
                      setForm({ ...form, events });
                    }}
                  />
                  <code className="font-mono text-xs">{type}</code>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={form.customer} onChange={(e) => setForm({ ...form, customer: e.target.checked })} />
            {t("includeCustomerMessages")}
          </label>
          <button type="submit" className={primaryButton} disabled={busy || form.events.size === 0}>
            {t("submit")}
          </button>
        </form>
        {revealed ? (
          <SecretReveal
            className="space-y-2"
            title={revealed.title}
            description={t("secretOnce")}
            secret={revealed.secret}
            copied={copied}
            onCopied={() => setCopied(true)}
            onClose={() => setRevealed(null)}
            labels={{ copy: tu("copy"), copied: tu("copied"), close: tu("close") }}
          />
        ) : null}
      </Card>

      <AdminTable
        columns={(["url", "events", "secret", "status"] as const).map((c) => t(`columns.${c}`))}
        actionsLabel={tu("actions")}
        items={endpoints}
        loadingLabel={tu("loading")}
        emptyLabel={t("empty")}
        renderRow={(e) => (
          <tr key={e.id} className={e.active ? "" : "text-slate-500"}>
            <td className={`${tdClass} break-all`}>
              <span className="font-medium">{e.url}</span>
              {e.description ? <span className="block text-xs text-slate-500">{e.description}</span> : null}
            </td>
            <td className={`${tdClass} font-mono text-xs`}>{e.events.join(", ")}</td>
            <td className={tdClass}>
              <code className="font-mono text-xs">{e.secret_prefix}…</code>
              {e.previous_secret_expires_at ? <span className="block text-xs text-slate-500">{t("overlap", { date: date(e.previous_secret_expires_at) })}</span> : null}
            </td>
            <td className={tdClass}>
              {e.active ? <span className="font-medium text-emerald-700">{t("active")}</span> : <span className="font-medium text-red-700">{t("disabled")}</span>}
              {e.disabled_reason && !e.active ? <span className="block text-xs">{e.disabled_reason}</span> : null}
              {e.consecutive_failures > 0 ? <span className="block text-xs text-amber-700">{t("failing", { count: e.consecutive_failures })}</span> : null}
            </td>
            <td className={`${tdClass} space-x-1 whitespace-nowrap`}>
              <button type="button" className={secondaryButton} onClick={() => void openLog(e)}>
                {t("log")}
              </button>
              <button type="button" className={secondaryButton} onClick={() => void toggle(e)}>
                {e.active ? t("pause") : t("enable")}
              </button>
              <button type="button" className={secondaryButton} onClick={() => void rotate(e)}>
                {t("rotate")}
              </button>
              <button type="button" className={dangerButton} onClick={() => void remove(e)}>
                {t("delete")}
              </button>
            </td>
          </tr>
        )}
      />

      {log ? (
        <Card title={t("logTitle", { url: log.endpoint.url })}>
          <AdminTable
            columns={(["event", "status", "attempts", "created"] as const).map((c) => t(`logColumns.${c}`))}
            actionsLabel={tu("actions")}
            items={log.items}
            loadingLabel={tu("loading")}
            emptyLabel={t("logEmpty")}
            renderRow={(d) => (
              <tr key={d.id}>
                <td className={tdClass}>
                  <code className="font-mono text-xs">{d.type}</code>
                  <span className="block font-mono text-xs text-slate-500">{d.event_id}</span>
                </td>
                <td className={tdClass}>
                  {d.status}
                  {d.last_response_status ? ` · HTTP ${d.last_response_status}` : ""}
                  {d.last_error && d.status !== "delivered" ? <span className="block text-xs text-red-700">{d.last_error}</span> : null}
                </td>
                <td className={tdClass}>
                  <details>
                    <summary className="cursor-pointer">{d.attempts}</summary>
                    <ul className="mt-1 space-y-0.5 text-xs">
                      {d.attempt_log.map((a) => (
                        <li key={a.attempt + a.at}>
                          #{a.attempt} · {date(a.at)} · {a.response_status ? `HTTP ${a.response_status}` : (a.error ?? "—")} · {a.duration_ms} ms
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
                <td className={`${tdClass} whitespace-nowrap`}>{date(d.created_at)}</td>
                <td className={tdClass}>
                  {d.status === "sending" ? null : (
                    <button type="button" className={secondaryButton} onClick={() => void replay(d)}>
                      {t("replay")}
                    </button>
                  )}
                </td>
              </tr>
            )}
          />
        </Card>
      ) : null}
    </div>
  );
}
