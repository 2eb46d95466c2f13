import { ContactProfileView } from "@/components/contacts/contact-profile";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { loadContactPage } from "@/lib/contacts/load-contact-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

// /admin/contacts/{id} – the contact page in the admin panel, with export and erase.
export default async function AdminContactPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireOperatorPage({ role: "admin", returnTo: "/admin/contacts" });
  const contact = await loadContactPage((await params).id, operator);
  // Dates in the desk's own time zone (its business hours'), not the server's.
  return <ContactProfileView contact={contact} locale={await getLocale()} admin timeZone={await deskTimeZone()} />;
}
