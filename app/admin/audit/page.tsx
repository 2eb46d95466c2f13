import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { Pagination } from "@/components/admin/pagination";
import { auditQuery } from "@/lib/admin/admin-schemas";
import { listAuditActions, listAuditEvents } from "@/lib/admin/list-audit-events";
import { listOperatorOptions } from "@/lib/admin/list-operator-options";
import { firstValues, type PageSearchParams } from "@/lib/admin/search-params";

export const generateMetadata = adminPageMetadata("admin.audit");

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { header } = await adminPage("admin.audit", "/admin/audit");
  const values = firstValues(await searchParams);
  const parsed = auditQuery.safeParse(values);
  const query = parsed.success ? parsed.data : auditQuery.parse({});
  const [{ events, pagination }, actions, operators] = await Promise.all([listAuditEvents(query), listAuditActions(), listOperatorOptions()]);
  return (
    <>
      {header()}
      <AuditFilters values={values} actions={actions} operators={operators} />
      <AuditTable events={events} total={pagination.total} />
      <Pagination page={pagination.page} totalPages={pagination.total_pages} basePath="/admin/audit" query={values} />
    </>
  );
}
