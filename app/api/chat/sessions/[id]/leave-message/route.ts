// POST /api/chat/sessions/{id}/leave-message – the waiting customer leaves a message instead: the chat becomes a ticket
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdLeaveMessage } from "@/lib/openapi/sessions/sessions-endpoints";
import { leaveMessage } from "@/lib/chat/leave-message";

export const POST = route(postChatSessionsIdLeaveMessage, async ({ params, body, principal, customerKey }) => {
  return ok(await leaveMessage(params.id, { principal, customerKey }, body), 201);
});
