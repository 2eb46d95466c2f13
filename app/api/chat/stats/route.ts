// GET /api/chat/stats?team= – public aggregates: operators online, free seats, queue by priority, waits and handle times
import { ok, route } from "@/lib/route/handler";
import { getChatStats as chatStatsEndpoint } from "@/lib/openapi/monitoring/monitoring-endpoints";
import { getChatStats } from "@/lib/chat/get-chat-stats";
import { teamFilterId } from "@/lib/routing/resolve-team";

export const GET = route(chatStatsEndpoint, async ({ query }) =>
  ok(await getChatStats(await teamFilterId(query.team)), 200, { "Cache-Control": "no-store" }),
);
