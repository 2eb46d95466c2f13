// GET /api/chat/stats – public aggregates: operators online, free seats, queue by priority, waits and handle times
import { ok, route } from "@/lib/api/handler";
import { getChatStats } from "@/lib/chat/get-chat-stats";

export const GET = route({}, async () => ok(await getChatStats(), 200, { "Cache-Control": "no-store" }));
