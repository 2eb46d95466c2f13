// The admin API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { z } from "zod";
import { auditQuery, exportParams, exportQuery, metricsQuery } from "@/lib/admin/admin-schemas";
import { defineEndpoint } from "@/lib/api/endpoint";
import { csatOverviewQuery, csatSettingsSchema } from "@/lib/csat/csat-schemas";
import { listNotificationsQuery, listOutboxQuery, notificationParams } from "@/lib/notifications/notification-schemas";
import { apiKeySchema, createdApiKeySchema } from "@/lib/openapi/response-schemas";
import { createApiKeyBody } from "@/lib/schemas/api-keys";

const apiKeyParams = z.object({ id: z.string().min(1).max(100) });

export const getAdminKeys = defineEndpoint({
  method: "get",
  path: "/api/admin/api-keys",
  tag: "Admin",
  summary: "API keys (never their values)",
  auth: "admin",
  success: { status: 200, description: "The keys", payload: { kind: "data", list: true, name: "ApiKey", schema: apiKeySchema } },
});

export const postAdminKeys = defineEndpoint({
  method: "post",
  path: "/api/admin/api-keys",
  tag: "Admin",
  summary: "Create a chatbot or admin API key (shown once)",
  auth: "admin",
  body: { name: "CreateApiKeyBody", schema: createApiKeyBody, examples: { chatbot: { summary: "A key for the chatbot", value: { name: "Chatbot sito", role: "chatbot" } } } },
  success: { status: 201, description: "The key, with its value", payload: { kind: "data", name: "CreatedApiKey", schema: createdApiKeySchema } },
});

export const deleteAdminKeysId = defineEndpoint({
  method: "delete",
  path: "/api/admin/api-keys/{id}",
  tag: "Admin",
  summary: "Revoke an API key",
  auth: "admin",
  params: apiKeyParams,
  success: { status: 200, description: "The revoked key", payload: { kind: "data", name: "ApiKey", schema: apiKeySchema } },
});

export const getAdminCsat = defineEndpoint({
  method: "get",
  path: "/api/admin/csat",
  internal: "admin panel CSAT switch",
  auth: "admin",
  query: csatOverviewQuery,
});

export const putAdminCsat = defineEndpoint({
  method: "put",
  path: "/api/admin/csat",
  internal: "admin panel CSAT switch",
  auth: "admin",
  body: { name: "CsatSettings", schema: csatSettingsSchema },
});

export const getAdminMetrics = defineEndpoint({
  method: "get",
  path: "/api/admin/metrics",
  internal: "admin panel view",
  auth: "admin",
  query: metricsQuery,
});

export const getAdminExportKind = defineEndpoint({
  method: "get",
  path: "/api/admin/export/{kind}",
  internal: "admin panel CSV download",
  auth: "admin",
  params: exportParams,
  query: exportQuery,
});

export const getAdminAudit = defineEndpoint({
  method: "get",
  path: "/api/admin/audit",
  internal: "admin panel view",
  auth: "admin",
  query: auditQuery,
});

export const getAdminNotifications = defineEndpoint({
  method: "get",
  path: "/api/admin/notifications",
  internal: "admin panel view of the notification outbox",
  auth: "admin",
  query: listNotificationsQuery,
});

export const postAdminNotificationsIdRetry = defineEndpoint({
  method: "post",
  path: "/api/admin/notifications/{id}/retry",
  internal: "admin panel action",
  auth: "admin",
  params: notificationParams,
});

export const getAdminOutbox = defineEndpoint({
  method: "get",
  path: "/api/admin/outbox",
  internal: "admin panel view of the local (no provider) outbox",
  auth: "admin",
  query: listOutboxQuery,
});

/** In the order of the OpenAPI document. */
export const adminEndpoints = [
  getAdminKeys,
  postAdminKeys,
  deleteAdminKeysId,
  getAdminCsat,
  putAdminCsat,
  getAdminMetrics,
  getAdminExportKind,
  getAdminAudit,
  getAdminNotifications,
  postAdminNotificationsIdRetry,
  getAdminOutbox,
];
