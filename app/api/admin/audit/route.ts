// GET /api/admin/audit – who did what: filters by action, actor, target and dates, paginated
import { ok, route } from "@/lib/route/handler";
import { getAdminAudit } from "@/lib/openapi/admin/admin-endpoints";
import { listAuditEvents } from "@/lib/admin/list-audit-events";

export const GET = route(getAdminAudit, async ({ query }) => ok(await listAuditEvents(query)));
