import { cookies } from "next/headers";
import { createTranslator } from "use-intl/core";
import { OperatorPageFrame } from "@/components/contacts/operator-page-frame";
import { SearchPanel } from "@/components/search/search-panel";
import { listOperatorOptions } from "@/lib/admin/list-operator-options";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { listTeams } from "@/lib/teams/manage-teams";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

// /operator/search?q= – the one search box over messages, tickets and contacts (operators and admins).
export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const operator = await requireOperatorPage({ returnTo: "/operator/search" });
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value ?? operator.locale);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "contacts.search" });
  const q = (await searchParams).q;
  const [teams, operators] = await Promise.all([listTeams(), listOperatorOptions()]);
  return (
    <OperatorPageFrame locale={locale} backLabel={t("back")}>
      <h1 className="mb-4 text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <SearchPanel
        initialQuery={(Array.isArray(q) ? q[0] : q)?.slice(0, 200) ?? ""}
        admin={operator.role === "admin"}
        teams={teams.map(({ id, name }) => ({ id, name }))}
        operators={operators.map(({ id, name }) => ({ id, name }))}
      />
    </OperatorPageFrame>
  );
}
