import { createTranslator } from "use-intl/core";
import { PageHeader } from "@/components/admin/page-header";
import { RulesEditor } from "@/components/admin/rules-editor";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { getEscalationRules } from "@/lib/rules/escalation-rules";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.rules" })("title") };
}

export default async function AdminRulesPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/rules" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.rules" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <RulesEditor initial={await getEscalationRules()} />
    </>
  );
}
