// POST /api/chat/sessions/{id}/transfer – hand a live chat to another online operator with a free seat
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdTransfer } from "@/lib/openapi/sessions/sessions-endpoints";
import { transferSession } from "@/lib/chat/session-actions";

export const POST = route(postChatSessionsIdTransfer, async ({ params, body, caller }) =>
  ok(await transferSession(params.id, body.operator_id, caller)),
);
