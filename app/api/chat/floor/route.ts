// GET /api/chat/floor – the supervisor's live floor: queues, live chats with waiting and response times, operators
import { ok, route } from "@/lib/api/handler";
import { getFloor } from "@/lib/chat/get-floor";

export const GET = route({ auth: "supervisor" }, async () => ok(await getFloor(), 200, { "cache-control": "no-store" }));
