// POST /api/chat/sessions/{id}/close – end a chat (customer by key, or its operator); the seat goes to the next in queue
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { actorOf } from "@/lib/auth/principal";
import { closeSession } from "@/lib/chat/session-actions";
import { closeSessionBody, sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, body: closeSessionBody }, async ({ params, body, principal, customerKey, ip }) => {
  await limitSessionAction(principal, ip);
  return ok(await closeSession(params.id, { principal, customerKey }, actorOf(principal, { type: "customer", id: params.id }), body.reason));
});
