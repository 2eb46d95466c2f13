import { createTranslator } from "use-intl/core";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeader } from "@/components/admin/page-header";
import { Pagination } from "@/components/admin/pagination";
import { auditQuery } from "@/lib/admin/admin-schemas";
import { listAuditActions, listAuditEvents } from "@/lib/admin/list-audit-events";
import { listOperatorOptions } from "@/lib/admin/list-operator-options";
import { firstValues, type PageSearchParams } from "@/lib/admin/search-params";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.audit" })("title") };
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/audit" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.audit" });
  const values = firstValues(await searchParams);
  const parsed = auditQuery.safeParse(values);
  const query = parsed.success ? parsed.data : auditQuery.parse({});
  const [{ events, pagination }, actions, operators] = await Promise.all([listAuditEvents(query), listAuditActions(), listOperatorOptions()]);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <AuditFilters values={values} actions={actions} operators={operators} />
      <AuditTable events={events} total={pagination.total} />
      <Pagination page={pagination.page} totalPages={pagination.total_pages} basePath="/admin/audit" query={values} />
    </>
  );
}
