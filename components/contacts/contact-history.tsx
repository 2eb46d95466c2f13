"use client";
import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";

interface History {
  contact_id: string;
  conversations: { id: string; channel: string; status: string; question: string; operator_name: string | null; created_at: string }[];
  open_tickets: { id: string; number: number; status: string; channel: string; question: string }[];
}

/** The live chat sidebar's view of the customer: earlier conversations, open tickets, a link to the contact page. */
export function ContactHistory({ sessionId }: { sessionId: string }) {
  const t = useTranslations("contacts");
  const format = useFormatter();
  const [history, setHistory] = useState<History | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const result = await apiFetch<History>(`/api/chat/sessions/${sessionId}/contact-history`);
      if (live && result.ok) setHistory(result.data);
    })();
    return () => {
      live = false;
    };
  }, [sessionId]);
  if (!history) return null;
  const heading = "text-xs font-semibold tracking-wide text-slate-600 uppercase";
  return (
    <section aria-label={t("sidebar.title")} className="space-y-3" data-testid="contact-history">
      <div>
        <h3 className={heading}>{t("sidebar.previous")}</h3>
        {history.conversations.length === 0 ? <p className="mt-1 text-slate-600">{t("sidebar.none")}</p> : null}
        <ul className="mt-1 space-y-1">
          {history.conversations.map((c) => (
            <li key={c.id}>
              <a href={`/operator/conversations/${c.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline underline-offset-2">
                {format.dateTime(new Date(c.created_at), { dateStyle: "short" })} · {t(`channels.${c.channel as "web"}`)}
              </a>
              <span className="block truncate text-xs text-slate-600">{c.question}</span>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className={heading}>{t("sidebar.openTickets")}</h3>
        {history.open_tickets.length === 0 ? <p className="mt-1 text-slate-600">{t("sidebar.none")}</p> : null}
        <ul className="mt-1 space-y-1">
          {history.open_tickets.map((ticket) => (
            <li key={ticket.id}>
              <span className="font-medium">{t("search.ticket", { number: ticket.number })}</span>{" "}
              · {t(`statuses.${ticket.status as "open"}`)}
              <span className="block truncate text-xs text-slate-600">{ticket.question}</span>
            </li>
          ))}
        </ul>
      </div>
      <a href={`/operator/contacts/${history.contact_id}`} target="_blank" rel="noreferrer" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        {t("sidebar.viewContact")}
      </a>
    </section>
  );
}
