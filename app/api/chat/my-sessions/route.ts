// GET /api/chat/my-sessions – the signed-in operator's live chats
import { ok, route } from "@/lib/route/handler";
import { getChatMySessions } from "@/lib/openapi/sessions/sessions-endpoints";
import { listOperatorSessions } from "@/lib/chat/list-queue";

export const GET = route(getChatMySessions, async ({ caller }) =>
  ok(await listOperatorSessions(caller.operatorId), 200, { "Cache-Control": "no-store" }),
);
