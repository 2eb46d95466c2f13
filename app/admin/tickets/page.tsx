import { createTranslator } from "use-intl/core";
import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { secondaryButton } from "@/components/admin/form-styles";
import { Pagination } from "@/components/admin/pagination";
import { TicketFilters } from "@/components/admin/ticket-filters";
import { TicketsTable } from "@/components/admin/tickets-table";
import { listOperatorOptions } from "@/lib/admin/list-operator-options";
import { firstValues, type PageSearchParams } from "@/lib/admin/search-params";
import { messagesFor } from "@/lib/i18n/messages";
import { listTickets } from "@/lib/tickets/list-tickets";
import { listTicketsQuery } from "@/lib/tickets/ticket-schemas";

export const generateMetadata = adminPageMetadata("admin.tickets");

export default async function AdminTicketsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { me, locale, header } = await adminPage("admin.tickets", "/admin/tickets");
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.tickets" });
  const now = new Date();
  const values = firstValues(await searchParams);
  const parsed = listTicketsQuery.safeParse(values);
  // A hand-edited URL with a bad filter shows the unfiltered list rather than an error page.
  const query = parsed.success ? parsed.data : listTicketsQuery.parse({});
  const [{ tickets, pagination }, operators] = await Promise.all([listTickets(query, me.id, now), listOperatorOptions()]);
  const exportFrom = values.from ?? new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const exportTo = values.to ?? now.toISOString().slice(0, 10);

  return (
    <>
      {header(
        <a className={secondaryButton} href={`/api/admin/export/tickets?from=${exportFrom}&to=${exportTo}`}>
          {t("exportCsv")}
        </a>,
      )}
      <TicketFilters values={values} operators={operators} />
      <TicketsTable tickets={tickets} total={pagination.total} now={now.toISOString()} />
      <Pagination page={pagination.page} totalPages={pagination.total_pages} basePath="/admin/tickets" query={values} />
    </>
  );
}
