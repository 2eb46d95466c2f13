"use client";
import { useTranslations } from "use-intl";

/** How the answer arrives, said truthfully: only the channels the ticket has an address for. */
function viaKey(replyVia: ("email" | "whatsapp")[] | undefined): string {
  if (!replyVia || replyVia.length === 0) return "none";
  return replyVia.length === 2 ? "both" : replyVia[0];
}

/** The end of the escalation when nobody could take the chat: the ticket, where to follow it, and a way on. */
export function TicketCard({
  number,
  ticketUrl,
  replyVia,
  onNewConversation,
}: {
  number: number;
  ticketUrl?: string | null;
  replyVia?: ("email" | "whatsapp")[];
  onNewConversation?: () => void;
}) {
  const t = useTranslations("chat");
  const c = useTranslations("customer.ticketCard");
  return (
    <section aria-labelledby="ticket-title" className="m-auto w-full max-w-sm rounded-2xl border border-emerald-200 bg-emerald-50 p-5 text-emerald-950">
      <h2 id="ticket-title" className="text-lg font-semibold">
        {t("ticket.title", { number })}
      </h2>
      <p role="status" className="mt-2 font-medium">
        {c("replyVia", { via: viaKey(replyVia) })}
      </p>
      {ticketUrl ? (
        <p className="mt-3">
          <a href={ticketUrl} target="_blank" rel="noopener" className="font-medium text-emerald-900 underline underline-offset-2 hover:text-emerald-950">
            {c("follow")}
          </a>
          <span className="mt-1 block text-sm text-emerald-900">{c("followHint")}</span>
        </p>
      ) : null}
      {onNewConversation ? (
        <button type="button" onClick={onNewConversation} className="mt-4 rounded-lg border border-emerald-700 px-3 py-1.5 text-sm font-medium text-emerald-900 hover:bg-emerald-100">
          {c("newConversation")}
        </button>
      ) : null}
    </section>
  );
}
