import { createTranslator } from "use-intl/core";
import { WebhooksManager } from "@/components/admin/webhooks-manager";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.webhooks" })("title") };
}

export default async function AdminWebhooksPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/webhooks" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.webhooks" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <WebhooksManager />
    </>
  );
}
