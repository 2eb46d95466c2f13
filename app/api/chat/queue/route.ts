// GET /api/chat/queue – the waiting customers, in order, for operators
import { ok, route } from "@/lib/api/handler";
import { listQueue } from "@/lib/chat/list-queue";

export const GET = route({ auth: "operator" }, async () => ok(await listQueue(), 200, { "Cache-Control": "no-store" }));
