"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "use-intl";
import { Card } from "@/components/admin/page-header";
import { ChannelBadge, OverdueBadge, PriorityBadge, TicketStatusBadge } from "@/components/shared/badges";
import { sourceKind } from "@/lib/i18n/source-kind";
import type { TicketView } from "@/lib/tickets/ticket-view";

// The parts of a ticket's page that only show it: heading with its badges, the SLA card and the customer card.

function useDateTime() {
  const t = useTranslations("admin.ui");
  const format = useFormatter();
  return (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("none"));
}

export function TicketHeading({ ticket }: { ticket: TicketView }) {
  const t = useTranslations("admin");
  const tc = useTranslations("common");
  const dateTime = useDateTime();
  return (
    <>
      <Link href="/admin/tickets" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("ticket.back")}
      </Link>
      <div className="mb-6 mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("ticket.title", { number: ticket.number })}</h1>
        <TicketStatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <ChannelBadge channel={ticket.channel} always />
        {ticket.overdue ? <OverdueBadge /> : null}
      </div>
      <p className="-mt-4 mb-6 text-sm text-slate-600">
        {t("ticket.openedAt", { date: dateTime(ticket.created_at), channel: t(`channel.${ticket.channel}`), source: tc(`source.${sourceKind(ticket.source, { channel: ticket.channel, metadata: ticket.metadata })}`) })}
      </p>
    </>
  );
}

function Row({ term, children, className }: { term: string; children: React.ReactNode; className: string }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-slate-500">{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}

export function TicketSlaCard({ ticket }: { ticket: TicketView }) {
  const t = useTranslations("admin.ticket");
  const dateTime = useDateTime();
  const late = ticket.overdue || ticket.sla_breached_at;
  return (
    <Card title={t("sla")}>
      <dl className="space-y-2 text-sm">
        <Row term={t("dueAt")} className={ticket.overdue ? "font-semibold text-red-700" : "text-slate-900"}>
          {dateTime(ticket.due_at)}
        </Row>
        <Row term={t("firstResponseAt")} className="text-slate-900">
          {ticket.first_response_at ? dateTime(ticket.first_response_at) : t("waiting")}
        </Row>
        {ticket.sla_breached_at ? (
          <Row term={t("breachedAt")} className="font-semibold text-red-700">
            {dateTime(ticket.sla_breached_at)}
          </Row>
        ) : null}
        <p className={`rounded-lg px-2 py-1 text-center text-xs font-semibold ${late ? "bg-red-100 text-red-800" : "bg-emerald-50 text-emerald-800"}`}>{late ? t("overdue") : t("onTime")}</p>
      </dl>
    </Card>
  );
}

export function TicketCustomerCard({ ticket }: { ticket: TicketView }) {
  const t = useTranslations("admin.ticket");
  const fields = [
    ["name", ticket.contact.name],
    ["email", ticket.contact.email],
    ["phone", ticket.contact.phone],
    ["userId", ticket.contact.user_id],
  ] as const;
  return (
    <Card title={t("customer")}>
      <dl className="space-y-2 text-sm">
        {fields.map(([key, value]) =>
          value ? (
            <div key={key}>
              <dt className="text-xs text-slate-500">{t(key)}</dt>
              <dd className="break-all text-slate-900">{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
      <a href={ticket.customer_url} target="_blank" rel="noreferrer" className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
        {t("customerPage")} ↗
      </a>
    </Card>
  );
}
