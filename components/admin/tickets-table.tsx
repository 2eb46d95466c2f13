"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "use-intl";
import { AdminTable } from "@/components/admin/admin-table";
import { tdClass } from "@/components/admin/form-styles";
import { ChannelBadge, OverdueBadge, PriorityBadge, TicketStatusBadge } from "@/components/shared/badges";
import type { TicketView } from "@/lib/tickets/ticket-view";

const COLUMNS = ["number", "question", "customer", "status", "priority", "assignee", "due", "created"] as const;

/** One page of the tickets list; overdue rows stand out. `now` is the server's, so both renders agree. */
export function TicketsTable({ tickets, total, now }: { tickets: TicketView[]; total: number; now: string }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  const at = new Date(now);
  return (
    <>
      <p className="mb-2 text-sm text-slate-600" role="status">
        {t("ui.results", { total })}
      </p>
      <AdminTable
        columns={COLUMNS.map((c) => t(`tickets.columns.${c}`))}
        items={tickets}
        loadingLabel={t("ui.loading")}
        emptyLabel={t("tickets.empty")}
        renderRow={(ticket) => (
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
                <ChannelBadge channel={ticket.channel} />
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
                  <span className="text-xs text-red-700">{format.relativeTime(new Date(ticket.due_at), at)}</span>
                </div>
              ) : ticket.first_response_at ? (
                <span className="text-emerald-700">{t("tickets.answered")}</span>
              ) : ticket.status === "open" || ticket.status === "pending" ? (
                <time dateTime={ticket.due_at}>{format.relativeTime(new Date(ticket.due_at), at)}</time>
              ) : (
                <span className="text-slate-400">{t("ui.none")}</span>
              )}
            </td>
            <td className={`${tdClass} whitespace-nowrap`}>
              <time dateTime={ticket.created_at} title={format.dateTime(new Date(ticket.created_at), { dateStyle: "medium", timeStyle: "short" })}>
                {format.relativeTime(new Date(ticket.created_at), at)}
              </time>
            </td>
          </tr>
        )}
      />
    </>
  );
}
