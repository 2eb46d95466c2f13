import Link from "next/link";
import { notFound } from "next/navigation";
import { createFormatter, createTranslator } from "use-intl/core";
import { sourceKind } from "@/lib/i18n/source-kind";
import { ChannelBadge, OverdueBadge, PriorityBadge, TicketStatusBadge } from "@/components/admin/badges";
import { Card } from "@/components/admin/page-header";
import { TicketComposer } from "@/components/admin/ticket-composer";
import { TicketProperties } from "@/components/admin/ticket-properties";
import { TicketTimeline } from "@/components/admin/ticket-timeline";
import { ApiError } from "@/lib/api/errors";
import { listOperatorOptions } from "@/lib/admin/list-operator-options";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { getTicketOrThrow } from "@/lib/tickets/get-ticket-or-throw";
import { getTicketTimeline } from "@/lib/tickets/get-ticket-timeline";
import { ticketSelect, toTicketView } from "@/lib/tickets/ticket-view";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

async function loadTicket(ref: string) {
  try {
    return await getTicketOrThrow(ref, ticketSelect);
  } catch (error) {
    if (error instanceof ApiError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.ticket" });
  return { title: t("title", { number: decodeURIComponent((await params).id).replace(/^#/, "") }) };
}

export default async function AdminTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOperatorPage({ role: "admin", returnTo: `/admin/tickets/${encodeURIComponent(id)}` });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin" });
  const tc = createTranslator({ locale, messages: messagesFor(locale), namespace: "common" });
  const now = new Date();
  const timeZone = await deskTimeZone();
  const format = createFormatter({ locale, timeZone, now });
  const ticket = toTicketView(await loadTicket(decodeURIComponent(id)), now);
  const [timeline, operators] = await Promise.all([getTicketTimeline(ticket.id), listOperatorOptions()]);
  const operatorNames = Object.fromEntries(operators.map((o) => [o.id, o.name]));
  const dateTime = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("ui.none"));

  return (
    <>
      <Link href="/admin/tickets" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("ticket.back")}
      </Link>
      <div className="mb-6 mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("ticket.title", { number: ticket.number })}</h1>
        <TicketStatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <ChannelBadge channel={ticket.channel} />
        {ticket.overdue ? <OverdueBadge /> : null}
      </div>
      <p className="-mt-4 mb-6 text-sm text-slate-600">
        {t("ticket.openedAt", { date: dateTime(ticket.created_at), channel: t(`channel.${ticket.channel}`), source: tc(`source.${sourceKind(ticket.source, { channel: ticket.channel, metadata: ticket.metadata })}`) })}
      </p>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="space-y-6">
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-base font-semibold text-slate-900">
              {t("ticket.timeline")}
            </h2>
            <TicketTimeline items={timeline.items} locale={locale} operatorNames={operatorNames} timeZone={timeZone} />
          </section>
          <TicketComposer ticketId={ticket.id} hasEmail={Boolean(ticket.contact.email)} hasPhone={Boolean(ticket.contact.phone)} closed={ticket.status === "closed"} />
        </div>

        <aside className="space-y-6">
          <Card title={t("ticket.properties")}>
            <TicketProperties
              ticketId={ticket.id}
              status={ticket.status}
              priority={ticket.priority}
              assigneeId={ticket.assignee?.id ?? null}
              tags={ticket.tags}
              operators={operators}
            />
          </Card>
          <Card title={t("ticket.sla")}>
            <dl className="space-y-2 text-sm">
              <div className="flex justify-between gap-2">
                <dt className="text-slate-500">{t("ticket.dueAt")}</dt>
                <dd className={ticket.overdue ? "font-semibold text-red-700" : "text-slate-900"}>{dateTime(ticket.due_at)}</dd>
              </div>
              <div className="flex justify-between gap-2">
                <dt className="text-slate-500">{t("ticket.firstResponseAt")}</dt>
                <dd className="text-slate-900">{ticket.first_response_at ? dateTime(ticket.first_response_at) : t("ticket.waiting")}</dd>
              </div>
              {ticket.sla_breached_at ? (
                <div className="flex justify-between gap-2">
                  <dt className="text-slate-500">{t("ticket.breachedAt")}</dt>
                  <dd className="font-semibold text-red-700">{dateTime(ticket.sla_breached_at)}</dd>
                </div>
              ) : null}
              <p className={`rounded-lg px-2 py-1 text-center text-xs font-semibold ${ticket.overdue || ticket.sla_breached_at ? "bg-red-100 text-red-800" : "bg-emerald-50 text-emerald-800"}`}>
                {ticket.overdue || ticket.sla_breached_at ? t("ticket.overdue") : t("ticket.onTime")}
              </p>
            </dl>
          </Card>
          <Card title={t("ticket.customer")}>
            <dl className="space-y-2 text-sm">
              {(
                [
                  ["name", ticket.contact.name],
                  ["email", ticket.contact.email],
                  ["phone", ticket.contact.phone],
                  ["userId", ticket.contact.user_id],
                ] as const
              ).map(([key, value]) =>
                value ? (
                  <div key={key}>
                    <dt className="text-xs text-slate-500">{t(`ticket.${key}`)}</dt>
                    <dd className="break-all text-slate-900">{value}</dd>
                  </div>
                ) : null,
              )}
            </dl>
            <a href={ticket.customer_url} target="_blank" rel="noreferrer" className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
              {t("ticket.customerPage")} ↗
            </a>
          </Card>
        </aside>
      </div>
    </>
  );
}
