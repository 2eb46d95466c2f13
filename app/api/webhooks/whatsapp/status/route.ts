// POST /webhooks/whatsapp/status (rewritten here) – Twilio's delivery status callbacks for outbound WhatsApp messages
import { route } from "@/lib/route/handler";
import { postWebhooksWhatsappStatus } from "@/lib/openapi/whatsapp/whatsapp-endpoints";
import { recordStatusCallback, twilioStatusSchema } from "@/lib/whatsapp/record-status-callback";
import { parseTwilioParams } from "@/lib/whatsapp/verify-twilio-request";

export const POST = route(postWebhooksWhatsappStatus, async ({ caller }) => {
  const data = parseTwilioParams(caller, twilioStatusSchema);
  await recordStatusCallback(data);
  return new Response(null, { status: 204 });
});
