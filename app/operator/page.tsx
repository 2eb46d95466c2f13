import type { Metadata } from "next";
import { cookies } from "next/headers";
import { createTranslator } from "use-intl/core";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { OperatorDashboard } from "@/components/operator/operator-dashboard";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/config";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "operator" });
  return { title: t("title"), robots: { index: false } };
}

// /operator, also served at the guide's /admin/operator-dashboard.html.
export default async function OperatorPage() {
  const operator = await requireOperatorPage({ returnTo: "/operator" });
  // The language chosen in this browser first, then the operator's own setting.
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = toLocale(chosen ?? operator.locale);
  return (
    <AppIntlProvider locale={locale} messages={messagesFor(locale)}>
      <div lang={locale}>
        <OperatorDashboard operator={{ id: operator.id, name: operator.name, role: operator.role, status: operator.status }} />
      </div>
    </AppIntlProvider>
  );
}
