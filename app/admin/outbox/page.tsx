import { createTranslator } from "use-intl/core";
import { OutboxView } from "@/components/admin/outbox-view";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.outbox" })("title") };
}

export default async function AdminOutboxPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/outbox" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.outbox" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <OutboxView />
    </>
  );
}
