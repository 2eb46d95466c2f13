// POST /webhooks/whatsapp (rewritten here) – Twilio's inbound WhatsApp messages: signed, idempotent on MessageSid
import { route } from "@/lib/route/handler";
import { postWebhooksWhatsapp } from "@/lib/openapi/whatsapp/whatsapp-endpoints";
import { inboundMedia, receiveInboundWhatsapp, twilioInboundSchema } from "@/lib/chat/receive-inbound-message";
import { parseTwilioParams } from "@/lib/whatsapp/verify-twilio-request";

export const POST = route(postWebhooksWhatsapp, async ({ caller }) => {
  const data = parseTwilioParams(caller, twilioInboundSchema);
  await receiveInboundWhatsapp(data, inboundMedia(caller.params, data.NumMedia));
  // Answers go out through the outbox (retried, recorded), so the TwiML reply is empty.
  return new Response("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", { status: 200, headers: { "Content-Type": "text/xml" } });
});
