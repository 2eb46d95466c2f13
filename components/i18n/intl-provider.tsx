"use client";
import { IntlProvider } from "use-intl";
import type { Locale } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";

/** Client-side translations (use-intl). Pages pass the locale and messages chosen on the server. */
export function AppIntlProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone="Europe/Rome">
      {children}
    </IntlProvider>
  );
}
