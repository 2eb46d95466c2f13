import { createTranslator } from "use-intl/core";
import { CustomerExperiencePanel } from "@/components/admin/customer-experience-panel";
import { OverviewDashboard } from "@/components/admin/overview-dashboard";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.overview" })("title") };
}

export default async function AdminOverviewPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.overview" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <OverviewDashboard />
      <CustomerExperiencePanel />
    </>
  );
}
