// Twilio's WhatsApp webhooks: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";

export const postWebhooksWhatsapp = defineEndpoint({
  method: "post",
  path: "/api/webhooks/whatsapp",
  internal: "Twilio's inbound webhook (signed by Twilio)",
  auth: "twilio-signature",
  twilioWebhook: "inbound",
});

export const postWebhooksWhatsappStatus = defineEndpoint({
  method: "post",
  path: "/api/webhooks/whatsapp/status",
  internal: "Twilio's delivery-status webhook (signed by Twilio)",
  auth: "twilio-signature",
  twilioWebhook: "status",
});

/** In the order of the OpenAPI document. */
export const whatsappEndpoints = [
  postWebhooksWhatsapp,
  postWebhooksWhatsappStatus,
];
