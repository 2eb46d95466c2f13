// GET /api/chat/stats?team= – public aggregates: operators online, free seats, queue by priority, waits and handle times
import { ok, route } from "@/lib/api/handler";
import { getChatStats } from "@/lib/chat/get-chat-stats";
import { teamFilterId } from "@/lib/routing/resolve-team";
import { teamFilterQuery } from "@/lib/schemas/teams";

export const GET = route({ query: teamFilterQuery }, async ({ query }) =>
  ok(await getChatStats(await teamFilterId(query.team)), 200, { "Cache-Control": "no-store" }),
);
