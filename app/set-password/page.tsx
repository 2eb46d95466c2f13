import type { Metadata } from "next";
import Link from "next/link";
import { createTranslator } from "use-intl/core";
import { AuthCard } from "@/components/auth/auth-card";
import { FormAlert } from "@/components/auth/form-field";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "auth.setPassword" });
  return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
}

// better-auth's reset link redirects here with ?token=…, or with ?error=INVALID_TOKEN when it has expired.
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === "string" && params.token.length > 0 ? params.token : null;
  const locale = await getLocale();
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "auth.setPassword" });
  const problem = params.error ? t("invalidToken") : !token ? t("missingToken") : null;
  return (
    <AppIntlProvider locale={locale} messages={messages}>
      <div lang={locale}>
        <AuthCard title={t("title")} subtitle={t("subtitle")}>
          {problem || !token ? (
            <div className="space-y-4">
              <FormAlert tone="error">{problem}</FormAlert>
              <Link href="/login" className="inline-block font-medium text-brand-700 underline underline-offset-2">
                {t("toLogin")}
              </Link>
            </div>
          ) : (
            <SetPasswordForm token={token} />
          )}
        </AuthCard>
      </div>
    </AppIntlProvider>
  );
}
