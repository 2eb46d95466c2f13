import type { Metadata } from "next";
import { createTranslator } from "use-intl/core";
import { AdminShell } from "@/components/admin/admin-shell";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin" });
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, robots: { index: false } };
}

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const operator = await requireOperatorPage({ role: "admin", returnTo: "/admin" });
  const locale = await getLocale();
  return (
    <AppIntlProvider locale={locale} messages={messagesFor(locale)}>
      <div lang={locale}>
        <AdminShell operatorName={operator.name}>{children}</AdminShell>
      </div>
    </AppIntlProvider>
  );
}
