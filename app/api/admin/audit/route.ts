// GET /api/admin/audit – who did what: filters by action, actor, target and dates, paginated
import { ok, route } from "@/lib/api/handler";
import { auditQuery } from "@/lib/admin/admin-schemas";
import { listAuditEvents } from "@/lib/admin/list-audit-events";

export const GET = route({ auth: "admin", query: auditQuery }, async ({ query }) => ok(await listAuditEvents(query)));
