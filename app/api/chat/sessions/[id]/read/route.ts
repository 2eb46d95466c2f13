// POST /api/chat/sessions/{id}/read – read receipt up to a sequence number (customer by key, or operator side)
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdRead } from "@/lib/openapi/sessions/sessions-endpoints";
import { markRead } from "@/lib/chat/session-actions";

export const POST = route(postChatSessionsIdRead, async ({ params, body, principal, customerKey }) => {
  return ok(await markRead(params.id, body.seq, principal, customerKey));
});
