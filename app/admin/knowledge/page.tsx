import { createTranslator } from "use-intl/core";
import { PageHeader } from "@/components/admin/page-header";
import { FaqSettingsForm } from "@/components/admin-knowledge/faq-settings-form";
import { KnowledgeManager } from "@/components/admin-knowledge/knowledge-manager";
import { KnowledgePreview } from "@/components/admin-knowledge/knowledge-preview";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getFaqSettings } from "@/lib/faq/faq-settings";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "faq.admin" })("title") };
}

// /admin/knowledge – the built-in FAQ bot: its switch and thresholds, a question tester, the knowledge base
export default async function AdminKnowledgePage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/knowledge" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "faq.admin" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="space-y-6">
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <FaqSettingsForm initial={await getFaqSettings()} />
          <KnowledgePreview defaultLocale={locale} />
        </div>
        <KnowledgeManager defaultLocale={locale} />
      </div>
    </>
  );
}
