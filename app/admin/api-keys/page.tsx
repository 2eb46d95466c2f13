import { createTranslator } from "use-intl/core";
import { ApiKeysManager } from "@/components/admin/api-keys-manager";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.apiKeys" })("title") };
}

export default async function AdminApiKeysPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/api-keys" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.apiKeys" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ApiKeysManager />
    </>
  );
}
