import type { Metadata } from "next";
import { createFormatter, createTranslator } from "use-intl/core";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { CustomerReplyForm } from "@/components/ticket/customer-reply-form";
import { TicketRating } from "@/components/ticket/ticket-rating";
import { ApiError } from "@/lib/api/errors";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { getPublicTicket, type PublicTicket } from "@/lib/tickets/get-public-ticket";
import { ticketTokenParams } from "@/lib/tickets/ticket-schemas";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

// The customer's key is in the URL: keep it out of search engines and out of other sites' Referer headers.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

async function load(token: string): Promise<PublicTicket | null> {
  if (!ticketTokenParams.safeParse({ token }).success) return null;
  try {
    return await getPublicTicket(token);
  } catch (error) {
    if (error instanceof ApiError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

const STATUS_STYLES = {
  open: "bg-sky-100 text-sky-900",
  pending: "bg-amber-100 text-amber-900",
  resolved: "bg-emerald-100 text-emerald-900",
  closed: "bg-slate-200 text-slate-700",
} as const;

export default async function CustomerTicketPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const locale = await getLocale();
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "ticket" });
  const format = createFormatter({ locale, timeZone: await deskTimeZone() });
  const ticket = await load(token);

  if (!ticket) {
    return (
      <main lang={locale} className="mx-auto max-w-xl px-6 py-16 text-center">
        <h1 className="text-2xl font-semibold text-slate-900">{t("notFound.title")}</h1>
        <p className="mt-3 text-slate-600">{t("notFound.body")}</p>
      </main>
    );
  }

  const when = (iso: string) => (
    <time dateTime={iso} className="text-xs text-slate-500">
      {format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
  const who = (m: PublicTicket["messages"][number]) =>
    m.sender === "customer" ? t("you") : m.sender === "bot" ? t("bot") : (m.operator_name ?? t("team"));
  const bubble = (m: PublicTicket["messages"][number], key: string) => {
    const mine = m.sender === "customer";
    return (
      <li key={key} className={`flex ${mine ? "justify-end" : "justify-start"}`}>
        <div className={`max-w-[85%] rounded-2xl px-4 py-3 shadow-sm ${mine ? "bg-brand-600 text-white" : "border border-slate-200 bg-white text-slate-900"}`}>
          <div className={`mb-1 flex flex-wrap items-baseline gap-x-2 text-xs ${mine ? "text-brand-100" : "text-slate-500"}`}>
            <span className="font-semibold">{who(m)}</span>
            {m.channel !== "web" ? <span>{t("via", { channel: t(`channel.${m.channel as "email"}`) })}</span> : null}
            <span className={mine ? "text-brand-100" : ""}>{format.dateTime(new Date(m.created_at), { dateStyle: "medium", timeStyle: "short" })}</span>
          </div>
          <p className="whitespace-pre-wrap">{m.body}</p>
        </div>
      </li>
    );
  };

  return (
    <AppIntlProvider locale={locale} messages={messages}>
      <main lang={locale} className="mx-auto max-w-2xl px-4 py-8 sm:px-6">
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm font-semibold text-brand-700">Sportello</p>
          <LocaleSwitcher />
        </div>
        <header className="mb-6">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold text-slate-900">{t("title", { number: ticket.number })}</h1>
            <span className={`rounded-full px-3 py-1 text-sm font-medium ${STATUS_STYLES[ticket.status]}`}>
              <span className="sr-only">{t("status.label")}: </span>
              {t(`status.${ticket.status}`)}
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-600">{t("openedAt", { date: format.dateTime(new Date(ticket.created_at), { dateStyle: "long", timeStyle: "short" }) })}</p>
          <p className="mt-3 text-slate-700">{t("intro")}</p>
        </header>

        <section aria-labelledby="q-heading" className="mb-6 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="q-heading" className="text-sm font-semibold text-slate-800">
            {t("question")}
          </h2>
          <p className="mt-2 whitespace-pre-wrap text-slate-900">{ticket.question}</p>
          {when(ticket.created_at)}
        </section>

        {ticket.chat.length > 0 ? (
          <details className="mb-6">
            <summary className="cursor-pointer text-sm font-semibold text-slate-700">{t("chat")}</summary>
            <ol className="mt-3 space-y-3">{ticket.chat.map((m, i) => bubble(m, `c${i}`))}</ol>
          </details>
        ) : null}

        <section aria-labelledby="thread-heading" className="mb-8">
          <h2 id="thread-heading" className="mb-3 text-lg font-semibold text-slate-900">
            {t("thread")}
          </h2>
          {ticket.messages.length === 0 ? (
            <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-600">{t("noMessages")}</p>
          ) : (
            <ol className="space-y-3">{ticket.messages.map((m) => bubble(m, `m${m.seq}`))}</ol>
          )}
        </section>

        {ticket.rating.asked ? (
          <section className="mb-6 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
            <TicketRating token={token} score={ticket.rating.score} />
          </section>
        ) : null}

        <section className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
          {ticket.can_reply ? <CustomerReplyForm token={token} reopens={ticket.status === "pending" || ticket.status === "resolved"} /> : <p className="text-slate-700">{t("closed")}</p>}
        </section>
      </main>
    </AppIntlProvider>
  );
}
