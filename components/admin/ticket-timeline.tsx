import { createFormatter, createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import type { TimelineItem } from "@/lib/tickets/get-ticket-timeline";
import { BotTranscript } from "@/components/chat/bot-transcript";

type Actor = { type: string; id: string | null; name: string | null };

/** The ticket's one timeline, server-rendered: chat, thread on every channel, notes, changes, notifications. */
export function TicketTimeline({ items, locale, operatorNames, timeZone }: { items: TimelineItem[]; locale: Locale; operatorNames: Record<string, string>; timeZone: string }) {
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "admin" });
  const format = createFormatter({ locale, timeZone });
  const when = (iso: string) => (
    <time dateTime={iso} className="text-xs text-slate-500">
      {format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
  const actorName = (actor: Actor) =>
    actor.type === "system"
      ? t("actor.system")
      : actor.type === "customer"
        ? t("actor.customer")
        : actor.type === "api_key"
          ? t("actor.apiKey", { name: actor.name ?? actor.id ?? "" })
          : (actor.name ?? t("actor.unknown"));
  const deliveries = messages.admin.ticket.item.delivery as Record<string, string>;
  const label = (group: Record<string, string>, value: unknown) => (typeof value === "string" && group[value] ? group[value] : String(value ?? t("ui.none")));

  const describe = (action: string, actor: Actor, details: Record<string, unknown> | null) => {
    const d = details ?? {};
    switch (action) {
      case "ticket.status_changed":
        return t("ticket.item.event.status_changed", { actor: actorName(actor), from: label(messages.admin.status, d.from), to: label(messages.admin.status, d.to) });
      case "ticket.priority_changed":
        return t("ticket.item.event.priority_changed", { actor: actorName(actor), from: label(messages.admin.priority, d.from), to: label(messages.admin.priority, d.to) });
      case "ticket.assigned":
        return d.to
          ? t("ticket.item.event.assigned", { actor: actorName(actor), to: operatorNames[String(d.to)] ?? String(d.to) })
          : t("ticket.item.event.unassigned", { actor: actorName(actor) });
      case "ticket.tags_changed":
        return t("ticket.item.event.tags_changed", { actor: actorName(actor), to: Array.isArray(d.to) && d.to.length ? d.to.join(", ") : t("ui.none") });
      case "ticket.sla_breached":
        return t("ticket.item.event.sla_breached");
      default:
        return t("ticket.item.event.other", { actor: actorName(actor), action });
    }
  };

  return (
    <ol className="space-y-3" aria-label={t("ticket.timeline")}>
      {items.map((item, index) => {
        const key = `${item.type}-${index}`;
        switch (item.type) {
          case "handoff":
            return (
              <li key={key} className="overflow-hidden rounded-xl border border-violet-200">
                <BotTranscript
                  handoff={item.data}
                  labels={{
                    title: t("ticket.item.handoff"),
                    earlier: (count) => t("ticket.item.handoffEarlier", { count }),
                    user: t("ticket.item.handoffUser"),
                    bot: t("ticket.item.handoffBot"),
                    confidence: (percent) => t("ticket.item.handoffConfidence", { percent }),
                    intent: (intent) => t("ticket.item.handoffIntent", { intent }),
                  }}
                />
              </li>
            );
          case "created": {
            const metadata = item.data.metadata && typeof item.data.metadata === "object" ? Object.entries(item.data.metadata as Record<string, unknown>) : [];
            const reasons = messages.admin.ticket.item.reason as Record<string, string>;
            return (
              <li key={key} className="rounded-xl border border-brand-100 bg-brand-50 p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="text-sm font-semibold text-brand-700">
                    {t("ticket.item.created")}
                    {item.data.reason ? ` · ${reasons[item.data.reason] ?? item.data.reason}` : ""}
                  </p>
                  {when(item.at)}
                </div>
                <p className="mt-2 whitespace-pre-wrap text-slate-900">{item.data.question}</p>
                {metadata.length > 0 ? (
                  <details className="mt-3 text-sm">
                    <summary className="cursor-pointer font-medium text-slate-700">{t("ticket.metadata")}</summary>
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                      {metadata.map(([k, v]) => (
                        <div key={k} className="contents">
                          <dt className="font-mono text-xs text-slate-500">{k}</dt>
                          <dd className="break-all font-mono text-xs text-slate-800">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                ) : null}
              </li>
            );
          }
          case "chat_message":
          case "message": {
            const m = item.data;
            const fromCustomer = m.sender === "customer" || m.sender === "bot";
            const tone = m.sender === "system" ? "border-slate-200 bg-slate-50 text-slate-600" : fromCustomer ? "border-slate-200 bg-white" : "border-sky-200 bg-sky-50";
            return (
              <li key={key} className={`flex ${fromCustomer || m.sender === "system" ? "justify-start" : "justify-end"}`}>
                <div className={`max-w-[85%] rounded-xl border p-3 ${tone}`}>
                  <div className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs">
                    <span className="font-semibold text-slate-800">
                      {m.sender === "operator" && m.operator_name ? m.operator_name : t(`ticket.item.sender.${m.sender}`)}
                    </span>
                    <span className="text-slate-500">
                      {item.type === "chat_message" ? t("ticket.item.chat") : t("ticket.item.via", { channel: t(`channel.${m.channel}`) })}
                    </span>
                    {m.delivery_status ? <span className="text-slate-500">· {deliveries[m.delivery_status] ?? m.delivery_status}</span> : null}
                    {when(item.at)}
                  </div>
                  <p className="whitespace-pre-wrap text-sm text-slate-900">{m.body}</p>
                </div>
              </li>
            );
          }
          case "note":
            return (
              <li key={key} className="rounded-xl border border-amber-200 bg-amber-50 p-3">
                <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-xs">
                  <span className="font-semibold text-amber-900">{t("ticket.item.note", { author: item.data.author?.name ?? t("ticket.item.unknownAuthor") })}</span>
                  {when(item.at)}
                </div>
                <p className="whitespace-pre-wrap text-sm text-slate-900">{item.data.body}</p>
              </li>
            );
          case "event":
            return (
              <li key={key} className="flex flex-wrap items-baseline gap-2 px-1 text-sm text-slate-600">
                <span aria-hidden className="h-1.5 w-1.5 translate-y-[-2px] rounded-full bg-slate-400" />
                <span>{describe(item.data.action, item.data.actor, item.data.details as Record<string, unknown> | null)}</span>
                {when(item.at)}
              </li>
            );
          case "notification": {
            const n = item.data;
            const kinds = messages.admin.ticket.item.kind as Record<string, string>;
            const statuses = messages.admin.ticket.item.notificationStatus as Record<string, string>;
            const bad = n.status === "failed" || n.status === "dead";
            return (
              <li key={key} className="flex flex-wrap items-baseline gap-2 px-1 text-xs text-slate-500">
                <span aria-hidden>✉</span>
                <span>
                  {t("ticket.item.notification", { kind: kinds[n.kind] ?? kinds.other, channel: t(`channel.${n.channel as "email"}`), recipient: n.recipient })}
                </span>
                <span className={bad ? "font-semibold text-red-700" : n.status === "sent" ? "text-emerald-700" : ""}>
                  · {statuses[n.status] ?? n.status}
                  {n.attempts > 1 ? ` (${t("ticket.item.attempts", { count: n.attempts })})` : ""}
                </span>
                {n.last_error && bad ? <span className="text-red-700">· {n.last_error}</span> : null}
                {when(item.at)}
              </li>
            );
          }
        }
      })}
    </ol>
  );
}
