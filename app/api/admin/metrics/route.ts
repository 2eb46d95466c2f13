// GET /api/admin/metrics?range=24h|7d|30d&team= – the overview: live desk and the charts' time series, for one team or all
import { ok, route } from "@/lib/route/handler";
import { getAdminMetrics } from "@/lib/openapi/admin/admin-endpoints";
import { getDashboardMetrics } from "@/lib/admin/get-dashboard-metrics";
import { teamFilterId } from "@/lib/routing/resolve-team";

export const GET = route(getAdminMetrics, async ({ query }) =>
  ok(await getDashboardMetrics(query.range, new Date(), await teamFilterId(query.team))),
);
