import { createFormatter, createTranslator } from "use-intl/core";
import { ContactNoteForm } from "@/components/contacts/contact-note-form";
import { PrivacyActions } from "@/components/contacts/privacy-actions";
import type { ContactProfile } from "@/lib/contacts/get-contact";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

type Via = "identity_token" | "link" | "whatsapp_inbound";

/**
 * A contact's page: who they are, how each identifier was verified, one timeline across channels, internal notes,
 * and for admins the privacy actions (export, erase).
 */
export function ContactProfileView({ contact, locale, admin, timeZone }: { contact: ContactProfile; locale: Locale; admin: boolean; timeZone: string }) {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "contacts" });
  const format = createFormatter({ locale, timeZone });
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const verification = (at: string | null, via: string | null) =>
    at && via ? <span className="ml-2 text-xs font-medium text-emerald-800">✓ {t("contact.verifiedVia", { via: t(`contact.via.${via as Via}`), date: date(at) })}</span> : <span className="ml-2 text-xs text-slate-500">{t("contact.notVerified")}</span>;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{contact.name ?? t("contact.anonymous")}</h1>
        {contact.erased_at ? <p className="mt-1 text-sm text-slate-600">{t("contact.erased", { date: date(contact.erased_at) })}</p> : null}
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("contact.email")}</dt>
          <dd data-testid="contact-email">
            {contact.email ?? "—"}
            {contact.email ? verification(contact.email_verified_at, contact.email_verified_via) : null}
          </dd>
          <dt className="text-slate-600">{t("contact.phone")}</dt>
          <dd data-testid="contact-phone">
            {contact.phone ?? "—"}
            {contact.phone ? verification(contact.phone_verified_at, contact.phone_verified_via) : null}
          </dd>
          <dt className="text-slate-600">{t("contact.userId")}</dt>
          <dd className="font-mono text-xs">{contact.user_id}</dd>
          <dt className="text-slate-600">{t("contact.channels")}</dt>
          <dd>{contact.channels.map((c) => t(`channels.${c as "web"}`)).join(", ") || "—"}</dd>
        </dl>
        {contact.merged_from.length ? <p className="mt-2 text-xs text-slate-600">{t("contact.mergedFrom", { count: contact.merged_from.length })}</p> : null}
      </div>

      <section aria-labelledby="timeline-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="timeline-heading" className="mb-3 text-base font-semibold text-slate-900">
          {t("contact.timeline")}
        </h2>
        {contact.timeline.length === 0 ? <p className="text-sm text-slate-600">{t("contact.emptyTimeline")}</p> : null}
        <ol className="space-y-2" data-testid="contact-timeline">
          {contact.timeline.map((item) => {
            const href = item.type === "conversation" ? `/operator/conversations/${item.id}` : admin ? `/admin/tickets/${item.number}` : null;
            const title = item.type === "ticket" ? t("search.ticket", { number: item.number }) : t("search.conversation");
            const who = item.type === "conversation" ? item.operator?.name : item.assignee?.name;
            return (
              <li key={`${item.type}:${item.id}`} className="rounded-lg border border-slate-200 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  {href ? (
                    <a href={href} className="font-semibold text-brand-700 hover:underline">
                      {title}
                    </a>
                  ) : (
                    <span className="font-semibold text-slate-900">{title}</span>
                  )}
                  <span>{t(`channels.${item.channel as "web"}`)}</span>
                  <span>{t(`statuses.${item.status as "open"}`)}</span>
                  <time dateTime={item.at}>{date(item.at)}</time>
                  <span>{t("contact.messages", { count: item.message_count })}</span>
                  {who ? <span>{t("contact.handledBy", { name: who })}</span> : null}
                </div>
                {item.question ? <p className="mt-1 text-slate-800">{item.question}</p> : null}
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="notes-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="notes-heading" className="mb-3 text-base font-semibold text-slate-900">
          {t("contact.notes")}
        </h2>
        {contact.notes.length === 0 ? <p className="text-sm text-slate-600">{t("contact.noNotes")}</p> : null}
        <ul className="mb-3 space-y-2">
          {contact.notes.map((note) => (
            <li key={note.id} className="rounded-lg bg-amber-50 p-2 text-sm">
              <p className="whitespace-pre-wrap text-slate-900">{note.body}</p>
              <p className="mt-1 text-xs text-slate-600">
                {note.author?.name ?? "—"} · {date(note.created_at)}
              </p>
            </li>
          ))}
        </ul>
        {contact.erased_at ? null : <ContactNoteForm contactId={contact.id} />}
      </section>

      {admin ? <PrivacyActions contactId={contact.id} erased={contact.erased_at !== null} /> : null}
    </div>
  );
}
