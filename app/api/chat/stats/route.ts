// GET /api/chat/stats?team= – public aggregates: operators online, free seats, queue by priority, waits and handle times
import { ok, route } from "@/lib/api/handler";
import { getChatStats as chatStatsEndpoint } from "@/lib/openapi/monitoring/monitoring-endpoints";
import { getChatStats } from "@/lib/chat/get-chat-stats";
import { prisma } from "@/lib/db/client";
import { resolveTeam } from "@/lib/teams/resolve-team";

export const GET = route(chatStatsEndpoint, async ({ query }) =>
  ok(await getChatStats(query.team ? (await resolveTeam(prisma, query.team)).id : undefined), 200, { "Cache-Control": "no-store" }),
);
