// GET /api/chat/queue – the waiting customers, in order, for operators
import { ok, route } from "@/lib/route/handler";
import { getChatQueue } from "@/lib/openapi/sessions/sessions-endpoints";
import { listQueue } from "@/lib/chat/list-queue";

export const GET = route(getChatQueue, async () => ok(await listQueue(), 200, { "Cache-Control": "no-store" }));
