import { notFound } from "next/navigation";
import { createTranslator } from "use-intl/core";
import { Card } from "@/components/admin/page-header";
import { TicketComposer } from "@/components/admin/ticket-composer";
import { TicketProperties } from "@/components/admin/ticket-properties";
import { TicketCustomerCard, TicketHeading, TicketSlaCard } from "@/components/admin/ticket-summary";
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
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.ticket" });
  const now = new Date();
  const timeZone = await deskTimeZone();
  const ticket = toTicketView(await loadTicket(decodeURIComponent(id)), now);
  const [timeline, operators] = await Promise.all([getTicketTimeline(ticket.id), listOperatorOptions()]);
  const operatorNames = Object.fromEntries(operators.map((o) => [o.id, o.name]));

  return (
    <>
      <TicketHeading ticket={ticket} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="space-y-6">
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-base font-semibold text-slate-900">
              {t("timeline")}
            </h2>
            <TicketTimeline items={timeline.items} locale={locale} operatorNames={operatorNames} timeZone={timeZone} />
          </section>
          <TicketComposer ticketId={ticket.id} hasEmail={Boolean(ticket.contact.email)} hasPhone={Boolean(ticket.contact.phone)} closed={ticket.status === "closed"} />
        </div>

        <aside className="space-y-6">
          <Card title={t("properties")}>
            <TicketProperties
              ticketId={ticket.id}
              status={ticket.status}
              priority={ticket.priority}
              assigneeId={ticket.assignee?.id ?? null}
              tags={ticket.tags}
              operators={operators}
            />
          </Card>
          <TicketSlaCard ticket={ticket} />
          <TicketCustomerCard ticket={ticket} />
        </aside>
      </div>
    </>
  );
}
