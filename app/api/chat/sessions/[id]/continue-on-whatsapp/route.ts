// POST /api/chat/sessions/{id}/continue-on-whatsapp – the waiting customer moves to WhatsApp, keeping their place
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { actorOf } from "@/lib/auth/principal";
import { continueOnWhatsapp } from "@/lib/chat/continue-on-whatsapp";
import { sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams }, async ({ params, principal, customerKey, ip }) => {
  await limitSessionAction(principal, ip);
  return ok(await continueOnWhatsapp(params.id, { principal, customerKey }, actorOf(principal, { type: "customer", id: params.id })), 202);
});
