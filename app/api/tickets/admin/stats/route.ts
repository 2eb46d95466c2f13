// GET /api/tickets/admin/stats – counts by status and priority, created today / in 7 days, overdue, response times
import { ok, route } from "@/lib/api/handler";
import { getTicketStats } from "@/lib/tickets/get-ticket-stats";

export const GET = route({ auth: "admin" }, async () => ok(await getTicketStats()));
