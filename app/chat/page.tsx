import type { Metadata } from "next";
import { createTranslator } from "use-intl/core";
import { CustomerChat } from "@/components/chat/customer-chat";
import { AppIntlProvider } from "@/components/i18n/intl-provider";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const param = (params: Record<string, string | string[] | undefined>, name: string): string | null => {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.trim() ? first.trim() : null;
};

async function pageLocale(params: Record<string, string | string[] | undefined>): Promise<Locale> {
  const lang = param(params, "lang");
  return lang && (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : getLocale();
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const locale = await pageLocale(await searchParams);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "chat" });
  // The session id in the URL is the customer's key: never leak it to other sites or search engines.
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

// /chat, also served at the guide's /admin/customer-chat.html: ?session=<id>, or ?email=&question= (+ name, lang,
// token, embed from public/embed.js) to start the escalation.
export default async function CustomerChatPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const locale = await pageLocale(params);
  const email = param(params, "email");
  const question = param(params, "question");
  return (
    <AppIntlProvider locale={locale} messages={messagesFor(locale)}>
      <div lang={locale}>
        <CustomerChat
          sessionId={param(params, "session")}
          start={{ email: email ?? undefined, question: question ?? undefined, name: param(params, "name") ?? undefined }}
          token={param(params, "token")}
          locale={locale}
          embed={param(params, "embed") === "1"}
        />
      </div>
    </AppIntlProvider>
  );
}
