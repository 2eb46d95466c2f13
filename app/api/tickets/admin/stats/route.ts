// GET /api/tickets/admin/stats – counts by status and priority, created today / in 7 days, overdue, response times
import { ok, route } from "@/lib/route/handler";
import { getTicketsAdminStats } from "@/lib/openapi/monitoring/monitoring-endpoints";
import { getTicketStats } from "@/lib/tickets/get-ticket-stats";

export const GET = route(getTicketsAdminStats, async () => ok(await getTicketStats()));
