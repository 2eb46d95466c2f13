import { cookies } from "next/headers";
import { createTranslator } from "use-intl/core";
import { CannedResponsesManager } from "@/components/canned/canned-responses-manager";
import { OperatorPageFrame } from "@/components/contacts/operator-page-frame";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

// /operator/canned – an operator's own canned responses (an admin manages the shared ones at /admin/canned).
export default async function OperatorCannedPage() {
  const operator = await requireOperatorPage({ returnTo: "/operator/canned" });
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value ?? operator.locale);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "canned" });
  return (
    <OperatorPageFrame locale={locale} backLabel={t("back")}>
      <h1 className="mb-1 text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mb-4 text-sm text-slate-600">{t("operatorSubtitle")}</p>
      <CannedResponsesManager admin={operator.role === "admin"} />
    </OperatorPageFrame>
  );
}
