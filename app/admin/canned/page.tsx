import { createTranslator } from "use-intl/core";
import { CannedResponsesManager } from "@/components/canned/canned-responses-manager";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "canned" })("title") };
}

export default async function AdminCannedPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/canned" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "canned" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <CannedResponsesManager admin />
    </>
  );
}
