import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { FaqSettingsForm } from "@/components/admin-knowledge/faq-settings-form";
import { KnowledgeManager } from "@/components/admin-knowledge/knowledge-manager";
import { KnowledgePreview } from "@/components/admin-knowledge/knowledge-preview";
import { getFaqSettings } from "@/lib/faq/faq-settings";

export const generateMetadata = adminPageMetadata("faq.admin");

// /admin/knowledge – the built-in FAQ bot: its switch and thresholds, a question tester, the knowledge base
export default async function AdminKnowledgePage() {
  const { locale, header } = await adminPage("faq.admin", "/admin/knowledge");
  return (
    <>
      {header()}
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
