import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

/** Operator pages outside the live dashboard (search, a past conversation, a contact): a plain frame with a way back. */
export function OperatorPageFrame({ locale, backLabel, children }: { locale: Locale; backLabel: string; children: React.ReactNode }) {
  return (
    <AppIntlProvider locale={locale} messages={messagesFor(locale)}>
      <div lang={locale} className="min-h-screen bg-slate-50">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-3">
            <a href="/operator" className="text-sm font-medium text-brand-700 hover:underline">
              ← {backLabel}
            </a>
          </div>
        </header>
        <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
      </div>
    </AppIntlProvider>
  );
}
