// POST /api/chat/sessions/{id}/handback – the operator returns the conversation to the bot, with an optional note
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdHandback } from "@/lib/openapi/sessions/sessions-endpoints";
import { handBackSession } from "@/lib/chat/hand-back-session";

export const POST = route(postChatSessionsIdHandback, async ({ params, body, caller }) =>
  ok(await handBackSession(params.id, body.note, caller)),
);
