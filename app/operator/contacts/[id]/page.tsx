import { cookies } from "next/headers";
import { createTranslator } from "use-intl/core";
import { ContactProfileView } from "@/components/contacts/contact-profile";
import { OperatorPageFrame } from "@/components/contacts/operator-page-frame";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { loadContactPage } from "@/lib/contacts/load-contact-page";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

// /operator/contacts/{id} – the contact page for operators (contacts of their conversations or tickets) and admins.
export default async function OperatorContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const operator = await requireOperatorPage({ returnTo: `/operator/contacts/${encodeURIComponent(id)}` });
  const contact = await loadContactPage(id, operator);
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value ?? operator.locale);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "contacts.search" });
  return (
    <OperatorPageFrame locale={locale} backLabel={t("back")}>
      <ContactProfileView contact={contact} locale={locale} admin={operator.role === "admin"} timeZone={await deskTimeZone()} />
    </OperatorPageFrame>
  );
}
