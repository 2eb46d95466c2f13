import { ClientIntlProvider } from "@/components/i18n/intl-provider";
import type { Locale } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

/** Translations and formats for a page's client components: the locale chosen on the server, the desk's time zone. */
export async function AppIntlProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  return (
    <ClientIntlProvider locale={locale} messages={messages} timeZone={await deskTimeZone()}>
      {children}
    </ClientIntlProvider>
  );
}
