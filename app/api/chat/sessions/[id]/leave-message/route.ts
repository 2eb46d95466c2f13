// POST /api/chat/sessions/{id}/leave-message – the waiting customer leaves a message instead: the chat becomes a ticket
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { actorOf } from "@/lib/auth/principal";
import { leaveMessage } from "@/lib/chat/leave-message";
import { leaveMessageBody, sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, body: leaveMessageBody }, async ({ params, body, principal, customerKey, ip }) => {
  await limitSessionAction(principal, ip);
  return ok(await leaveMessage(params.id, { principal, customerKey }, actorOf(principal, { type: "customer", id: params.id }), body), 201);
});
