// GET /api/chat/floor – the supervisor's live floor: queues, live chats with waiting and response times, operators
import { ok, route } from "@/lib/route/handler";
import { getChatFloor } from "@/lib/openapi/supervision/supervision-endpoints";
import { getFloor } from "@/lib/chat/get-floor";

export const GET = route(getChatFloor, async () => ok(await getFloor(), 200, { "cache-control": "no-store" }));
