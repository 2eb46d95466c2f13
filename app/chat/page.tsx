import type { Metadata } from "next";
import { createTranslator } from "use-intl/core";
import { CustomerChat } from "@/components/chat/customer-chat";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { getFaqSettings } from "@/lib/faq/faq-settings";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { logger } from "@/lib/log/logger";

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

/** Whether the built-in FAQ bot answers first. Unreadable settings count as off: the bot never stands in the way. */
async function faqBotEnabled(): Promise<boolean> {
  try {
    return (await getFaqSettings()).enabled;
  } catch (error) {
    logger.warn({ err: error }, "customer chat: FAQ bot settings unreadable, escalating directly");
    return false;
  }
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const locale = await pageLocale(await searchParams);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "chat" });
  // The session id and a resume token travel in the URL: never leak them to other sites or search engines.
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

// /chat, also served at the guide's /admin/customer-chat.html: ?session=<id> (+ resume=<token> from a resume link),
// or ?email=&question= (+ name, lang,
// token, embed from public/embed.js) to start the escalation — after the built-in FAQ bot's answer, when it is on.
export default async function CustomerChatPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const locale = await pageLocale(params);
  const email = param(params, "email");
  const question = param(params, "question");
  const sessionId = param(params, "session");
  // Known before the first paint, so with the bot off the chat escalates exactly as it would without one.
  const faqBot = sessionId ? false : await faqBotEnabled();
  return (
    <AppIntlProvider locale={locale} messages={messagesFor(locale)}>
      <div lang={locale}>
        <CustomerChat
          sessionId={sessionId}
          resumeToken={param(params, "resume")}
          start={{ email: email ?? undefined, question: question ?? undefined, name: param(params, "name") ?? undefined }}
          token={param(params, "token")}
          locale={locale}
          embed={param(params, "embed") === "1"}
          faqBot={faqBot}
        />
      </div>
    </AppIntlProvider>
  );
}
