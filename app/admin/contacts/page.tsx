import { createTranslator } from "use-intl/core";
import { Card, PageHeader } from "@/components/admin/page-header";
import { MergeSuggestions } from "@/components/contacts/merge-suggestions";
import { RetentionForm } from "@/components/contacts/retention-form";
import { SearchPanel } from "@/components/search/search-panel";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "contacts.merge" })("title") };
}

// /admin/contacts – find a contact, merge possible duplicates, set the retention of personal data.
export default async function AdminContactsPage() {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "contacts" });
  return (
    <>
      <PageHeader title={t("merge.title")} subtitle={t("merge.subtitle")} />
      <div className="space-y-6">
        <Card title={t("search.title")}>
          <SearchPanel initialQuery="" admin initialType="contacts" />
        </Card>
        <Card title={t("merge.title")}>
          <MergeSuggestions />
        </Card>
        <Card title={t("privacy.retention")}>
          <RetentionForm />
        </Card>
      </div>
    </>
  );
}
