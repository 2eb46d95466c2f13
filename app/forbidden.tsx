import Link from "next/link";
import { createTranslator } from "use-intl/core";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

// Rendered with a 403 status when a page calls forbidden() (lib/auth/require-operator-page.ts: wrong role).
export default async function Forbidden() {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "auth.forbidden" });
  return (
    <main lang={locale} className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold tracking-wide text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("body")}</p>
      <Link href="/operator" className="mt-6 rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        {t("back")}
      </Link>
    </main>
  );
}
