// POST /api/chat/sessions/{id}/continue-on-whatsapp – the waiting customer moves to WhatsApp, keeping their place
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdContinueOnWhatsapp } from "@/lib/openapi/sessions/sessions-endpoints";
import { continueOnWhatsapp } from "@/lib/chat/continue-on-whatsapp";

export const POST = route(postChatSessionsIdContinueOnWhatsapp, async ({ params, principal, customerKey }) => {
  return ok(await continueOnWhatsapp(params.id, { principal, customerKey }), 202);
});
