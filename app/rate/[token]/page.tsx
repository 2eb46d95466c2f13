import type { Metadata } from "next";
import { createTranslator } from "use-intl/core";
import { ChatRating } from "@/components/chat/chat-rating";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { ApiError } from "@/lib/api/errors";
import { chatRatingTokenParams } from "@/lib/csat/csat-schemas";
import { getChatRatingTarget } from "@/lib/csat/rate-conversation";
import { messagesFor } from "@/lib/i18n/messages";

// The token is in the URL: keep it out of search engines and out of other sites' Referer headers.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

async function load(token: string) {
  if (!chatRatingTokenParams.safeParse({ token }).success) return null;
  try {
    return await getChatRatingTarget(token);
  } catch (error) {
    if (error instanceof ApiError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

// The page a closed chat's rating request (email or WhatsApp) links to, in the chat's language.
export default async function ChatRatingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const chat = await load(token);
  const locale = chat?.locale ?? "it";
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "customer.rating" });
  return (
    <AppIntlProvider locale={locale} messages={messages}>
      <main lang={locale} className="mx-auto max-w-xl px-4 py-10 sm:px-6">
        <p className="mb-6 text-sm font-semibold text-brand-700">Sportello</p>
        <h1 className="text-2xl font-semibold text-slate-900">{chat ? t("pageTitle") : t("notFoundTitle")}</h1>
        {chat ? (
          <section className="mt-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
            <ChatRating token={token} score={chat.score} />
          </section>
        ) : (
          <p className="mt-3 text-slate-600">{t("notFoundBody")}</p>
        )}
      </main>
    </AppIntlProvider>
  );
}
