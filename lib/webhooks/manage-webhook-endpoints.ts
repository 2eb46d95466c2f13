import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import type { WebhookEndpoint } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import type { CreateWebhookBody, UpdateWebhookBody } from "@/lib/schemas/webhooks";
import { dispatchWebhookDeliveries } from "@/lib/webhooks/dispatch-webhook-deliveries";
import { checkWebhookTarget } from "@/lib/webhooks/send-webhook-request";
import { generateWebhookSecret } from "@/lib/webhooks/sign-webhook";
import { sweepWebhookDeliveries } from "@/lib/webhooks/sweep-webhook-deliveries";

/** An endpoint as admins see it: never its secret (shown once, at creation and rotation). */
export function toWebhookView(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    include_customer_messages: e.includeCustomerMessages,
    active: e.active,
    secret_prefix: e.secret.slice(0, 10),
    previous_secret_expires_at: e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date() ? e.previousSecretExpiresAt.toISOString() : null,
    consecutive_failures: e.consecutiveFailures,
    failing_since: e.failingSince?.toISOString() ?? null,
    disabled_at: e.disabledAt?.toISOString() ?? null,
    disabled_reason: e.disabledReason,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

/** The URL must be http(s) and not resolve to a loopback, private or link-local address (the SSRF guard). */
async function requireAllowedTarget(url: string): Promise<void> {
  try {
    await checkWebhookTarget(url);
  } catch (error) {
    throw new ApiError("VALIDATION_ERROR", "Invalid request body", {
      details: [{ path: "url", message: error instanceof Error ? error.message : "the URL cannot be reached" }],
    });
  }
}

export async function createWebhookEndpoint(input: CreateWebhookBody, actor: Actor) {
  await requireAllowedTarget(input.url);
  const secret = generateWebhookSecret();
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { url: input.url, events: input.events, description: input.description ?? null, includeCustomerMessages: input.include_customer_messages ?? false, secret },
    });
    await recordAuditEvent(tx, actor, { action: "webhook.created", targetType: "webhook_endpoint", targetId: created.id, data: { url: input.url, events: input.events } });
    return created;
  });
  return { ...toWebhookView(row), secret };
}

export async function listWebhookEndpoints() {
  const rows = await prisma.webhookEndpoint.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(toWebhookView);
}

async function endpointOrThrow(id: string): Promise<WebhookEndpoint> {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw new ApiError("NOT_FOUND", "Webhook endpoint not found");
  return endpoint;
}

/** Changes url, events, description or active. Turning an endpoint back on sends what it is owed, in order. */
export async function updateWebhookEndpoint(id: string, input: UpdateWebhookBody, actor: Actor) {
  const current = await endpointOrThrow(id);
  if (input.url && input.url !== current.url) await requireAllowedTarget(input.url);
  const reenabled = input.active === true && !current.active;
  const row = await prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.include_customer_messages !== undefined ? { includeCustomerMessages: input.include_customer_messages } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(reenabled ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null } : {}),
        ...(input.active === false && current.active ? { disabledAt: new Date(), disabledReason: "disabled by an admin" } : {}),
      },
    });
    await recordAuditEvent(tx, actor, {
      action: "webhook.updated",
      targetType: "webhook_endpoint",
      targetId: id,
      data: { url: input.url, events: input.events, active: input.active },
    });
    return updated;
  });
  if (reenabled) await sweepWebhookDeliveries();
  return toWebhookView(row);
}

export async function deleteWebhookEndpoint(id: string, actor: Actor) {
  const current = await endpointOrThrow(id);
  await prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAuditEvent(tx, actor, { action: "webhook.deleted", targetType: "webhook_endpoint", targetId: id, data: { url: current.url } });
  });
  return { id, deleted: true };
}

/**
 * A new secret, shown once. The old one keeps signing next to it (a second signature in webhook-signature) for
 * WEBHOOK_SECRET_OVERLAP_HOURS, so the receiver can switch without losing an event.
 */
export async function rotateWebhookSecret(id: string, actor: Actor) {
  const current = await endpointOrThrow(id);
  const secret = generateWebhookSecret();
  const previousSecretExpiresAt = new Date(Date.now() + env().WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000);
  const row = await prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({ where: { id }, data: { secret, previousSecret: current.secret, previousSecretExpiresAt } });
    await recordAuditEvent(tx, actor, { action: "webhook.secret_rotated", targetType: "webhook_endpoint", targetId: id, data: { previous_valid_until: previousSecretExpiresAt.toISOString() } });
    return updated;
  });
  return { ...toWebhookView(row), secret };
}

/** The delivery log of one endpoint, newest first: each delivery with its event and every attempt. */
export async function listWebhookDeliveries(endpointId: string, query: { page: number; page_size: number; status?: "pending" | "sending" | "delivered" | "failed" | "dead" }) {
  const endpoint = await endpointOrThrow(endpointId);
  const where = { endpointId, ...(query.status ? { status: query.status } : {}) };
  const [total, rows] = await Promise.all([
    prisma.webhookDelivery.count({ where }),
    prisma.webhookDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
      include: { event: { select: { id: true, type: true, payload: true } }, attemptLog: { orderBy: { attempt: "asc" } } },
    }),
  ]);
  return {
    total,
    page: query.page,
    page_size: query.page_size,
    items: rows.map((d) => ({
      id: d.id,
      event_id: d.event.id,
      type: d.event.type,
      conversation: d.conversationKey,
      seq: d.seq,
      status: d.status,
      attempts: d.attempts,
      next_attempt_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
      last_response_status: d.lastResponseStatus,
      last_error: d.lastError,
      delivered_at: d.deliveredAt?.toISOString() ?? null,
      created_at: d.createdAt.toISOString(),
      request: { url: endpoint.url, body: d.event.payload },
      attempt_log: d.attemptLog.map((a) => ({
        attempt: a.attempt,
        at: a.at.toISOString(),
        duration_ms: a.durationMs,
        request_headers: a.requestHeaders,
        response_status: a.responseStatus,
        response_body: a.responseBody,
        error: a.error,
      })),
    })),
  };
}

/**
 * Sends a delivery again now, whatever its state (delivered, failed, dead), with a fresh retry schedule: same event
 * id, so receivers can dedupe. Later events of its conversation wait for it, as for any delivery.
 */
export async function replayWebhookDelivery(id: string, actor: Actor) {
  const delivery = await prisma.webhookDelivery.findUnique({ where: { id }, include: { endpoint: { select: { active: true } } } });
  if (!delivery) throw new ApiError("NOT_FOUND", "Delivery not found");
  if (!delivery.endpoint.active) throw new ApiError("INVALID_STATE", "The endpoint is disabled: turn it on first");
  if (delivery.status === "sending") throw new ApiError("INVALID_STATE", "The delivery is being sent right now");
  await prisma.$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id }, data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null } });
    await recordAuditEvent(tx, actor, { action: "webhook.delivery_replayed", targetType: "webhook_delivery", targetId: id, data: { endpoint_id: delivery.endpointId } });
  });
  await dispatchWebhookDeliveries([id]);
  return { id, status: "pending" as const };
}
