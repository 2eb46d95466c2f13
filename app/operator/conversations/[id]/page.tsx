import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { createFormatter, createTranslator } from "use-intl/core";
import { OperatorPageFrame } from "@/components/contacts/operator-page-frame";
import { ApiError } from "@/lib/api/errors";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getSessionView } from "@/lib/chat/get-session-view";
import { pagePrincipal } from "@/lib/contacts/page-viewer";
import { getViewableSessionContact } from "@/lib/contacts/get-session-contact-history";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

// /operator/conversations/{id}?m={messageId} – a conversation from the history (search results, contact timelines),
// read-only, with the found message marked. Its operator and admins only.
export default async function ConversationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ m?: string }> }) {
  const { id } = await params;
  const operator = await requireOperatorPage({ returnTo: `/operator/conversations/${encodeURIComponent(id)}` });
  const principal = pagePrincipal(operator);
  const row = await getViewableSessionContact(id, principal).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const session = await getSessionView(id, principal, null).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value ?? operator.locale);
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "contacts" });
  // Dates in the desk's own time zone (its business hours'), not the server's.
  const format = createFormatter({ locale, timeZone: await deskTimeZone() });
  const hit = (await searchParams).m;
  const contactHref = `${operator.role === "admin" ? "/admin/contacts" : "/operator/contacts"}/${row.contactId}`;
  return (
    <OperatorPageFrame locale={locale} backLabel={t("search.back")}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("conversation.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {t(`channels.${session.channel}`)} · {t(`statuses.${session.status}`)} · {format.dateTime(new Date(session.queued_at), { dateStyle: "medium", timeStyle: "short" })}
            {session.operator ? ` · ${t("contact.handledBy", { name: session.operator.name })}` : ""}
          </p>
        </div>
        <a href={contactHref} className="text-sm font-medium text-brand-700 hover:underline">
          {t("contact.openContact")}: {session.contact?.name ?? session.contact?.email ?? session.contact?.phone ?? t("contact.anonymous")}
        </a>
      </div>
      <ol className="space-y-2" aria-label={t("conversation.title")}>
        {session.messages.map((message) => {
          const found = message.id === hit;
          return (
            <li
              key={message.id}
              id={`m-${message.id}`}
              aria-current={found ? "true" : undefined}
              className={`rounded-xl border p-3 text-sm ${found ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white"} ${message.sender === "customer" ? "mr-12" : "ml-12"}`}
            >
              <div className="mb-1 flex gap-2 text-xs text-slate-600">
                <span className="font-semibold">{message.sender === "operator" && message.operator_name ? message.operator_name : t(`senders.${message.sender}`)}</span>
                <time dateTime={message.created_at}>{format.dateTime(new Date(message.created_at), { dateStyle: "short", timeStyle: "short" })}</time>
                {found ? <span className="font-semibold text-amber-800">{t("conversation.hit")}</span> : null}
              </div>
              <p className="whitespace-pre-wrap text-slate-900">{message.body}</p>
            </li>
          );
        })}
      </ol>
    </OperatorPageFrame>
  );
}
