"use client";
import { useCallback, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { AdminTable } from "@/components/admin/admin-table";
import { SelectField } from "@/components/admin/form-fields";
import { Pagination } from "@/components/admin/pagination";
import { apiFetch } from "@/components/shared/api-client";
import { linkParts, summaryLine } from "@/components/admin/outbox-text";
import { secondaryButton, tdClass } from "@/components/admin/form-styles";

// The shapes of issue 4's GET /api/admin/notifications and GET /api/admin/outbox.
interface NotificationView {
  id: string;
  kind: string;
  channel: "email" | "whatsapp";
  recipient: string;
  status: "pending" | "sending" | "sent" | "failed" | "dead";
  attempts: number;
  last_error: string | null;
  ticket_id: string | null;
  created_at: string;
  sent_at: string | null;
}
interface Page {
  page: number;
  total: number;
  total_pages: number;
}
interface DeliveryView {
  id: string;
  channel: "email" | "whatsapp";
  recipient: string;
  subject: string | null;
  text: string;
  created_at: string;
}

const STATUSES = ["pending", "sending", "sent", "failed", "dead"] as const;

/** The delivery queue (with retry for what failed) and the local outbox of what would have been sent. */
export function OutboxView() {
  const t = useTranslations("admin.outbox");
  const tc = useTranslations("admin.channel");
  const tk = useTranslations("admin.ticket.item.kind");
  const tu = useTranslations("admin.ui");
  const format = useFormatter();
  const [tab, setTab] = useState<"notifications" | "deliveries">("notifications");
  const [status, setStatus] = useState("");
  const [channel, setChannel] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ notifications: NotificationView[]; counts: Record<string, number>; pagination: Page } | null>(null);
  const [deliveries, setDeliveries] = useState<{ deliveries: DeliveryView[]; pagination: Page } | null>(null);
  const [deliveryPage, setDeliveryPage] = useState(1);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const loadNotifications = useCallback(async () => {
    const params = new URLSearchParams({ page: String(page), page_size: "25", ...(status ? { status } : {}), ...(channel ? { channel } : {}) });
    const result = await apiFetch<typeof data>(`/api/admin/notifications?${params}`);
    if (result.ok) setData(result.data);
    else setMessage({ tone: "error", text: tu("requestFailed", { message: result.message }) });
  }, [page, status, channel, tu]);

  const loadDeliveries = useCallback(async () => {
    const result = await apiFetch<typeof deliveries>(`/api/admin/outbox?page=${deliveryPage}&page_size=25`);
    if (result.ok) setDeliveries(result.data);
    else setMessage({ tone: "error", text: tu("requestFailed", { message: result.message }) });
  }, [deliveryPage, tu]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (tab === "notifications") void loadNotifications();
    else void loadDeliveries();
  }, [tab, loadNotifications, loadDeliveries]);

  const retry = async (id: string) => {
    const result = await apiFetch(`/api/admin/notifications/${id}/retry`, { method: "POST" });
    setMessage(result.ok ? { tone: "ok", text: t("retried") } : { tone: "error", text: tu("requestFailed", { message: result.message }) });
    await loadNotifications();
  };

  const kindLabel = (kind: string) => (tk.has(kind as "other") ? tk(kind as "other") : kind);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" });
  const tabButton = (value: typeof tab, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={tab === value}
      onClick={() => setTab(value)}
      className={`border-b-2 px-4 py-2 text-sm font-semibold ${tab === value ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </button>
  );

  return (
    <div>
      <div role="tablist" className="mb-4 flex gap-1 border-b border-slate-200">
        {tabButton("notifications", t("notifications"))}
        {tabButton("deliveries", t("deliveries"))}
      </div>
      <p role="status" aria-live="polite" className={`mb-3 min-h-5 text-sm ${message?.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
        {message?.text}
      </p>

      {tab === "notifications" ? (
        <section role="tabpanel" aria-label={t("notifications")}>
          <div className="mb-3 flex flex-wrap items-end gap-3">
            <SelectField
              id="ob-status"
              label={t("filters.status")}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                setPage(1);
              }}
              options={[
                { value: "", label: tu("all") },
                { value: "dead_letter", label: `${t("notificationStatus.failed")} + ${t("notificationStatus.dead")}` },
                ...STATUSES.map((s) => ({ value: s, label: `${t(`notificationStatus.${s}`)}${data?.counts[s] ? ` (${data.counts[s]})` : ""}` })),
              ]}
            />
            <SelectField
              id="ob-channel"
              label={t("filters.channel")}
              value={channel}
              onChange={(e) => {
                setChannel(e.target.value);
                setPage(1);
              }}
              options={[{ value: "", label: tu("all") }, ...(["email", "whatsapp"] as const).map((c) => ({ value: c, label: tc(c) }))]}
            />
            <button type="button" className={secondaryButton} onClick={() => void loadNotifications()}>
              {tu("refresh")}
            </button>
          </div>
          <AdminTable
            columns={(["created", "kind", "channel", "recipient", "status", "attempts", "error"] as const).map((c) => t(`columns.${c}`))}
            actionsLabel={tu("actions")}
            items={data?.notifications}
            loadingLabel={tu("loading")}
            emptyLabel={t("empty")}
            renderRow={(n) => {
              const bad = n.status === "failed" || n.status === "dead";
              return (
                <tr key={n.id} className={bad ? "bg-red-50/60" : ""}>
                  <td className={`${tdClass} whitespace-nowrap`}>{when(n.created_at)}</td>
                  <td className={tdClass}>{kindLabel(n.kind)}</td>
                  <td className={tdClass}>{tc(n.channel)}</td>
                  <td className={`${tdClass} break-all`}>{n.recipient}</td>
                  <td className={`${tdClass} whitespace-nowrap ${bad ? "font-semibold text-red-700" : n.status === "sent" ? "text-emerald-700" : ""}`}>
                    {t(`notificationStatus.${n.status}`)}
                  </td>
                  <td className={`${tdClass} tabular-nums`}>{n.attempts}</td>
                  <td className={`${tdClass} max-w-xs break-words text-xs text-red-800`}>{n.last_error ?? ""}</td>
                  <td className={tdClass}>
                    {bad ? (
                      <button type="button" className={secondaryButton} onClick={() => void retry(n.id)}>
                        {t("retry")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            }}
          />
          {data ? <Pagination page={data.pagination.page} totalPages={data.pagination.total_pages} onPage={setPage} /> : null}
        </section>
      ) : (
        <section role="tabpanel" aria-label={t("deliveries")}>
          <p className="mb-3 text-sm text-slate-600">{t("deliveriesHint")}</p>
          {!deliveries ? (
            <p className="text-slate-500">{tu("loading")}</p>
          ) : deliveries.deliveries.length === 0 ? (
            <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-500">{t("noDeliveries")}</p>
          ) : (
            <ul className="space-y-2">
              {deliveries.deliveries.map((d) => (
                <li key={d.id} className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                      <span className="font-semibold text-slate-900">{d.subject ?? summaryLine(d.text)}</span>
                      <span className="text-slate-600">
                        {tc(d.channel)} → {d.recipient}
                      </span>
                      <span className="text-xs text-slate-500">{when(d.created_at)}</span>
                    </summary>
                    <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-sans text-sm text-slate-800">
                      {linkParts(d.text).map((part, index) =>
                        part.kind === "link" ? (
                          <a key={index} href={part.url} className="break-all text-brand-700 underline underline-offset-2" target="_blank" rel="noopener noreferrer">
                            {part.url}
                          </a>
                        ) : (
                          part.text
                        ),
                      )}
                    </pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
          {deliveries ? <Pagination page={deliveries.pagination.page} totalPages={deliveries.pagination.total_pages} onPage={setDeliveryPage} /> : null}
        </section>
      )}
    </div>
  );
}
