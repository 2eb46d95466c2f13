// POST /api/chat/sessions/{id}/transcript – email the chat's transcript to its customer (customer by key, or operator)
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdTranscript } from "@/lib/openapi/sessions/sessions-endpoints";
import { requestTranscript } from "@/lib/chat/request-transcript";

export const POST = route(postChatSessionsIdTranscript, async ({ params, body, principal, customerKey }) => {
  return ok(await requestTranscript(params.id, { principal, customerKey }, body.email, body.locale), 202);
});
