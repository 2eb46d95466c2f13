// POST /api/chat/sessions/{id}/transfer – hand a live chat to another online operator with a free seat
import { ok, route } from "@/lib/api/handler";
import { postChatSessionsIdTransfer } from "@/lib/openapi/sessions/sessions-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { transferSession } from "@/lib/chat/session-actions";

export const POST = route(postChatSessionsIdTransfer, async ({ params, body, principal }) =>
  ok(await transferSession(params.id, body.operator_id, principal, actorOf(principal, SYSTEM_ACTOR))),
);
