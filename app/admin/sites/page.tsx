import { createTranslator } from "use-intl/core";
import { PageHeader } from "@/components/admin/page-header";
import { EmbedSitesManager } from "@/components/admin-sites/embed-sites-manager";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { allowedOrigins, appUrl } from "@/lib/env";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "embed.sites" })("title") };
}

// /admin/sites – the sites that embed the chat button and sign their visitors' identities
export default async function AdminEmbedSitesPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/sites" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "embed.sites" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <EmbedSitesManager allowedOrigins={allowedOrigins()} appUrl={appUrl()} />
    </>
  );
}
