// POST /api/chat/sessions/{id}/close – end a chat (customer by key, or its operator); the seat goes to the next in queue
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdClose } from "@/lib/openapi/sessions/sessions-endpoints";
import { closeSession } from "@/lib/chat/session-actions";

export const POST = route(postChatSessionsIdClose, async ({ params, body, principal, customerKey }) => {
  return ok(await closeSession(params.id, { principal, customerKey }, body.reason));
});
