"use client";
import { IntlProvider } from "use-intl";
import type { Locale } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";

/** Client-side translations (use-intl). Pages pass the locale and messages chosen on the server (through AppIntlProvider). */
export function ClientIntlProvider({ locale, messages, timeZone, children }: { locale: Locale; messages: Messages; timeZone: string; children: React.ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}
