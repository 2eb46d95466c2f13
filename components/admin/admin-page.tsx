import { createTranslator } from "use-intl/core";
import { PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

// What every admin page starts with, written once: the admin check (others go to sign-in and come back to
// `returnTo`), the page's title and subtitle from its catalogue namespace, and the same title for the browser tab.

type PageNamespace =
  | "admin.overview"
  | "admin.apiKeys"
  | "admin.audit"
  | "admin.export"
  | "admin.operators"
  | "admin.outbox"
  | "admin.rules"
  | "admin.tickets"
  | "admin.webhooks"
  | "canned"
  | "embed.sites"
  | "faq.admin"
  | "teams";

async function pageTranslator(namespace: PageNamespace) {
  const locale = await getLocale();
  return { locale, t: createTranslator({ locale, messages: messagesFor(locale), namespace }) };
}

/** The page's `generateMetadata`: its title (the admin layout adds the panel's name). */
export function adminPageMetadata(namespace: PageNamespace) {
  return async () => ({ title: (await pageTranslator(namespace)).t("title") });
}

/** Call first in an admin page: the signed-in admin, the locale, and the page's header (with optional actions) to render. */
export async function adminPage(namespace: PageNamespace, returnTo: string) {
  const me = await requireOperatorPage({ role: "admin", returnTo });
  const { locale, t } = await pageTranslator(namespace);
  return { me, locale, header: (actions?: React.ReactNode) => <PageHeader title={t("title")} subtitle={t("subtitle")} actions={actions} /> };
}
