// The webhooks API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { createdWebhookEndpointSchema, deletedSchema, replayedDeliverySchema, webhookDeliveryPageSchema, webhookEndpointSchema } from "@/lib/openapi/response-schemas";
import { createWebhookBody, updateWebhookBody, webhookDeliveriesQuery, webhookParams } from "@/lib/schemas/webhooks";

export const getAdminWebhooks = defineEndpoint({
  method: "get",
  path: "/api/admin/webhooks",
  tag: "Webhooks",
  summary: "Webhook endpoints (never their secrets)",
  auth: "admin",
  success: { status: 200, description: "The endpoints", payload: { kind: "data", list: true, name: "WebhookEndpoint", schema: webhookEndpointSchema } },
});

export const postAdminWebhooks = defineEndpoint({
  method: "post",
  path: "/api/admin/webhooks",
  tag: "Webhooks",
  summary: "Register a webhook endpoint (its secret shown once)",
  description: "The URL must be http(s) and must not resolve to a loopback, private or link-local address (unless WEBHOOK_ALLOW_PRIVATE=true). Deliveries are signed per Standard Webhooks; see docs/webhooks.md for every event.",
  auth: "admin",
  body: {
    name: "CreateWebhookBody",
    schema: createWebhookBody,
    examples: { bot: { summary: "The chatbot's endpoint", value: { url: "https://bot.example.com/sportello/webhooks", events: ["session.assigned", "message.created", "session.handed_back", "session.closed"], description: "Chatbot" } } },
  },
  success: { status: 201, description: "The endpoint, with its secret", payload: { kind: "data", name: "CreatedWebhookEndpoint", schema: createdWebhookEndpointSchema } },
});

export const patchAdminWebhooksId = defineEndpoint({
  method: "patch",
  path: "/api/admin/webhooks/{id}",
  tag: "Webhooks",
  summary: "Change an endpoint's url, events or active; turning it on sends its backlog in order",
  auth: "admin",
  params: webhookParams,
  body: { name: "UpdateWebhookBody", schema: updateWebhookBody, examples: { pause: { summary: "Pause it", value: { active: false } } } },
  success: { status: 200, description: "The endpoint", payload: { kind: "data", name: "WebhookEndpoint", schema: webhookEndpointSchema } },
});

export const deleteAdminWebhooksId = defineEndpoint({
  method: "delete",
  path: "/api/admin/webhooks/{id}",
  tag: "Webhooks",
  summary: "Delete an endpoint and its delivery log",
  auth: "admin",
  params: webhookParams,
  success: { status: 200, description: "Deleted", payload: { kind: "data", name: "Deleted", schema: deletedSchema } },
});

export const postAdminWebhooksIdRotateSecret = defineEndpoint({
  method: "post",
  path: "/api/admin/webhooks/{id}/rotate-secret",
  tag: "Webhooks",
  summary: "A new secret (shown once); the old one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS",
  auth: "admin",
  params: webhookParams,
  success: { status: 200, description: "The endpoint, with its new secret", payload: { kind: "data", name: "CreatedWebhookEndpoint", schema: createdWebhookEndpointSchema } },
});

export const getAdminWebhooksIdDeliveries = defineEndpoint({
  method: "get",
  path: "/api/admin/webhooks/{id}/deliveries",
  tag: "Webhooks",
  summary: "The endpoint's delivery log: each event, its attempts, response statuses and times",
  auth: "admin",
  params: webhookParams,
  query: webhookDeliveriesQuery,
  success: { status: 200, description: "A page of deliveries, newest first", payload: { kind: "data", name: "WebhookDeliveryPage", schema: webhookDeliveryPageSchema } },
});

export const postAdminWebhooksDeliveriesIdReplay = defineEndpoint({
  method: "post",
  path: "/api/admin/webhooks/deliveries/{id}/replay",
  tag: "Webhooks",
  summary: "Send a delivery again (same webhook-id), with a fresh retry schedule",
  auth: "admin",
  params: webhookParams,
  success: { status: 202, description: "Queued for delivery", payload: { kind: "data", name: "ReplayedDelivery", schema: replayedDeliverySchema } },
  errors: ["INVALID_STATE"],
});

/** In the order of the OpenAPI document. */
export const webhooksEndpoints = [
  getAdminWebhooks,
  postAdminWebhooks,
  patchAdminWebhooksId,
  deleteAdminWebhooksId,
  postAdminWebhooksIdRotateSecret,
  getAdminWebhooksIdDeliveries,
  postAdminWebhooksDeliveriesIdReplay,
];
