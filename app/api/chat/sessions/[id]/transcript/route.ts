// POST /api/chat/sessions/{id}/transcript – email the chat's transcript to its customer (customer by key, or operator)
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { actorOf } from "@/lib/auth/principal";
import { requestTranscript } from "@/lib/chat/request-transcript";
import { sessionParams, transcriptBody } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, body: transcriptBody }, async ({ params, body, principal, customerKey, ip }) => {
  await limitSessionAction(principal, ip);
  return ok(await requestTranscript(params.id, { principal, customerKey }, actorOf(principal, { type: "customer", id: params.id }), body.email, body.locale), 202);
});
