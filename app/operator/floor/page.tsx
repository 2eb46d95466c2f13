import { cookies } from "next/headers";
import { AppIntlProvider } from "@/components/i18n/app-intl-provider";
import { FloorView } from "@/components/supervise/floor-view";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

// /operator/floor – the supervisor's live floor: queues, live chats with their times, operators; watch, whisper, take over.
export default async function FloorPage() {
  const operator = await requireOperatorPage({ role: "supervisor", returnTo: "/operator/floor" });
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value ?? operator.locale);
  return (
    <AppIntlProvider locale={locale} messages={messagesFor(locale)}>
      <div lang={locale}>
        <FloorView self={{ id: operator.id, name: operator.name }} />
      </div>
    </AppIntlProvider>
  );
}
