import Link from "next/link";
import { createFormatter, createTranslator } from "use-intl/core";
import { ChannelBadge, OverdueBadge, PriorityBadge, TicketStatusBadge } from "@/components/admin/badges";
import { secondaryButton, tableClass, tdClass, thClass } from "@/components/admin/form-styles";
import { PageHeader } from "@/components/admin/page-header";
import { Pagination } from "@/components/admin/pagination";
import { TicketFilters } from "@/components/admin/ticket-filters";
import { listOperatorOptions } from "@/lib/admin/list-operator-options";
import { firstValues, withParam, type PageSearchParams } from "@/lib/admin/search-params";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { listTickets } from "@/lib/tickets/list-tickets";
import { listTicketsQuery } from "@/lib/tickets/ticket-schemas";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.tickets" })("title") };
}

export default async function AdminTicketsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const me = await requireOperatorPage({ role: "admin", returnTo: "/admin/tickets" });
  const locale = await getLocale();
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "admin" });
  const now = new Date();
  const format = createFormatter({ locale, timeZone: await deskTimeZone(), now });

  const values = firstValues(await searchParams);
  const parsed = listTicketsQuery.safeParse(values);
  // A hand-edited URL with a bad filter shows the unfiltered list rather than an error page.
  const query = parsed.success ? parsed.data : listTicketsQuery.parse({});
  const [{ tickets, pagination }, operators] = await Promise.all([listTickets(query, me.id, now), listOperatorOptions()]);
  const exportFrom = values.from ?? new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const exportTo = values.to ?? now.toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title={t("tickets.title")}
        subtitle={t("tickets.subtitle")}
        actions={
          <a className={secondaryButton} href={`/api/admin/export/tickets?from=${exportFrom}&to=${exportTo}`}>
            {t("tickets.exportCsv")}
          </a>
        }
      />
      <TicketFilters
        values={values}
        operators={operators}
        labels={{
          ...messages.admin.tickets.filters,
          apply: t("ui.apply"),
          reset: t("ui.reset"),
          all: t("ui.all"),
          statuses: messages.admin.status,
          priorities: messages.admin.priority,
          channels: messages.admin.channel,
          sorts: messages.admin.tickets.filters.sortOptions,
        }}
      />
      <p className="mb-2 text-sm text-slate-600" role="status">
        {t("ui.results", { total: pagination.total })}
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              {(["number", "question", "customer", "status", "priority", "assignee", "due", "created"] as const).map((c) => (
                <th key={c} scope="col" className={thClass}>
                  {t(`tickets.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tickets.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-3 py-10 text-center text-slate-500">
                  {t("tickets.empty")}
                </td>
              </tr>
            ) : (
              tickets.map((ticket) => (
                <tr key={ticket.id} className={ticket.overdue ? "bg-red-50/60" : "hover:bg-slate-50"}>
                  <td className={`${tdClass} font-semibold`}>
                    <Link href={`/admin/tickets/${ticket.number}`} className="text-brand-700 hover:underline">
                      #{ticket.number}
                    </Link>
                  </td>
                  <td className={`${tdClass} min-w-[14rem] max-w-md`}>
                    <Link href={`/admin/tickets/${ticket.number}`} className="line-clamp-2 text-slate-900 hover:underline">
                      {ticket.question}
                    </Link>
                    <div className="mt-1 flex flex-wrap gap-1 empty:hidden">
                      {ticket.channel === "web" ? null : <ChannelBadge channel={ticket.channel} />}
                      {ticket.tags.map((tag) => (
                        <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                          {tag}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td className={tdClass}>
                    <div className="text-slate-900">{ticket.contact.name ?? ticket.contact.email ?? ticket.contact.phone}</div>
                    {ticket.contact.name ? <div className="text-xs text-slate-500">{ticket.contact.email ?? ticket.contact.phone}</div> : null}
                  </td>
                  <td className={tdClass}>
                    <TicketStatusBadge status={ticket.status} />
                  </td>
                  <td className={tdClass}>
                    <PriorityBadge priority={ticket.priority} />
                  </td>
                  <td className={tdClass}>{ticket.assignee?.name ?? <span className="text-slate-400">{t("tickets.unassigned")}</span>}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {ticket.overdue ? (
                      <div className="flex flex-col items-start gap-1">
                        <OverdueBadge />
                        <span className="text-xs text-red-700">{format.relativeTime(new Date(ticket.due_at), now)}</span>
                      </div>
                    ) : ticket.first_response_at ? (
                      <span className="text-emerald-700">{t("tickets.answered")}</span>
                    ) : ticket.status === "open" || ticket.status === "pending" ? (
                      <time dateTime={ticket.due_at}>{format.relativeTime(new Date(ticket.due_at), now)}</time>
                    ) : (
                      <span className="text-slate-400">{t("ui.none")}</span>
                    )}
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    <time dateTime={ticket.created_at} title={format.dateTime(new Date(ticket.created_at), { dateStyle: "medium", timeStyle: "short" })}>
                      {format.relativeTime(new Date(ticket.created_at), now)}
                    </time>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={pagination.page}
        totalPages={pagination.total_pages}
        hrefFor={(page) => `/admin/tickets${withParam(values, "page", page)}`}
        labels={{ nav: t("ui.pagination"), previous: t("ui.previous"), next: t("ui.next"), status: t("ui.page", { page: pagination.page, pages: pagination.total_pages }) }}
      />
    </>
  );
}
