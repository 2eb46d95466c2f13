import { createTranslator } from "use-intl/core";
import { TeamsManager } from "@/components/admin/teams-manager";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "teams" })("title") };
}

export default async function AdminTeamsPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/teams" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "teams" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <TeamsManager />
    </>
  );
}
