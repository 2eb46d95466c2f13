// POST /api/chat/sessions/{id}/rating – the customer rates their closed chat (1–5, optional comment), once
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdRating } from "@/lib/openapi/sessions/sessions-endpoints";
import { rateSession } from "@/lib/csat/rate-conversation";

export const POST = route(postChatSessionsIdRating, async ({ params, body, principal, customerKey }) => {
  return ok(await rateSession(params.id, { principal, customerKey }, body), 201);
});
