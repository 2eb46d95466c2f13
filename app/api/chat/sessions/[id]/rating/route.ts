// POST /api/chat/sessions/{id}/rating – the customer rates their closed chat (1–5, optional comment), once
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { ratingBody } from "@/lib/csat/csat-schemas";
import { rateSession } from "@/lib/csat/rate-conversation";
import { sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, body: ratingBody }, async ({ params, body, principal, customerKey, ip }) => {
  await limitSessionAction(principal, ip);
  return ok(await rateSession(params.id, { principal, customerKey }, body), 201);
});
