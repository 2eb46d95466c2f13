// GET /api/admin/export/{tickets|sessions}?from=YYYY-MM-DD&to=YYYY-MM-DD – CSV download for a date range
import { route } from "@/lib/route/handler";
import { getAdminExportKind } from "@/lib/openapi/admin/admin-endpoints";
import { exportCsv } from "@/lib/admin/export-csv";

export const GET = route(getAdminExportKind, async ({ params, query }) => {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const filename = `sportello-${params.kind}-${day(query.from)}-${day(query.to)}.csv`;
  return new Response(exportCsv(params.kind, query.from, query.to), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
