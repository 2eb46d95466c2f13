import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createTranslator } from "use-intl/core";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { getOperatorFromRequest } from "@/lib/auth/operator-session";
import { landingPath, safeReturnPath } from "@/lib/auth/safe-return-path";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "auth.login" });
  return { title: t("title"), robots: { index: false } };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // No (or no safe) `next`: each role's own home, decided after sign-in.
  const next = typeof params.next === "string" ? safeReturnPath(params.next, "") || null : null;
  const signedIn = await getOperatorFromRequest(await headers());
  if (signedIn) redirect(next ?? landingPath(signedIn.role));
  const locale = await getLocale();
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "auth.login" });
  const notice = params.notice === "passwordSet" || params.notice === "signedOut" ? params.notice : null;
  return (
    <AppIntlProvider locale={locale} messages={messages}>
      <div lang={locale}>
        <AuthCard title={t("title")} subtitle={t("subtitle")}>
          <LoginForm next={next} notice={notice} />
        </AuthCard>
      </div>
    </AppIntlProvider>
  );
}
