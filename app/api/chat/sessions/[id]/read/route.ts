// POST /api/chat/sessions/{id}/read – read receipt up to a sequence number (customer by key, or operator side)
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { markRead } from "@/lib/chat/session-actions";
import { readBody, sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, body: readBody }, async ({ params, body, principal, customerKey, ip }) => {
  await limitSessionAction(principal, ip);
  return ok(await markRead(params.id, body.seq, principal, customerKey));
});
