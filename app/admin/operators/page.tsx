import { createTranslator } from "use-intl/core";
import { OperatorsManager } from "@/components/admin/operators-manager";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.operators" })("title") };
}

export default async function AdminOperatorsPage() {
  const me = await requireOperatorPage({ role: "admin", returnTo: "/admin/operators" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.operators" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <OperatorsManager currentOperatorId={me.id} />
    </>
  );
}
