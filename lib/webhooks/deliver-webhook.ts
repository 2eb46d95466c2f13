import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { isRetryableStatus, parseRetryAfter } from "@/lib/notifications/delivery-error";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { sendWebhookRequest, type WebhookResponse } from "@/lib/webhooks/send-webhook-request";
import { signWebhook } from "@/lib/webhooks/sign-webhook";
import { dispatchWebhookDeliveries } from "@/lib/webhooks/dispatch-webhook-deliveries";
import { webhookRetryDelayMs } from "@/lib/webhooks/webhook-retry-schedule";

/** How long a claimed delivery belongs to the worker that claimed it: longer than any request may take. */
export const WEBHOOK_SENDING_LEASE_MS = 2 * 60 * 1000;

export type WebhookDeliveryOutcome = "delivered" | "retry_scheduled" | "failed" | "dead" | "endpoint_gone" | "waiting" | "skipped";

const deliveryInclude = { endpoint: true, event: { select: { id: true, payload: true } } } satisfies Prisma.WebhookDeliveryInclude;
type LoadedDelivery = Prisma.WebhookDeliveryGetPayload<{ include: typeof deliveryInclude }>;

/** An earlier event of the same conversation still owed to the same endpoint: it goes first. */
async function hasEarlierUndelivered(delivery: { endpointId: string; conversationKey: string; seq: number }): Promise<boolean> {
  const earlier = await prisma.webhookDelivery.findFirst({
    where: { endpointId: delivery.endpointId, conversationKey: delivery.conversationKey, seq: { lt: delivery.seq }, status: { in: ["pending", "sending"] } },
    select: { id: true },
  });
  return earlier !== null;
}

/** The next event of the conversation waiting for this endpoint, if any. */
async function nextInConversation(delivery: { endpointId: string; conversationKey: string; seq: number }): Promise<string | null> {
  const next = await prisma.webhookDelivery.findFirst({
    where: { endpointId: delivery.endpointId, conversationKey: delivery.conversationKey, seq: { gt: delivery.seq }, status: "pending" },
    orderBy: { seq: "asc" },
    select: { id: true },
  });
  return next?.id ?? null;
}

async function logAttempt(delivery: LoadedDelivery, attempt: number, headers: Record<string, string>, started: number, result: { response?: WebhookResponse; error?: string }) {
  await prisma.webhookAttempt.create({
    data: {
      deliveryId: delivery.id,
      attempt,
      requestHeaders: { ...headers, "content-type": "application/json" },
      responseStatus: result.response?.status ?? null,
      responseBody: result.response?.body ?? null,
      error: result.error?.slice(0, 1000) ?? null,
      durationMs: Math.round(performance.now() - started),
    },
  });
}

/** The endpoint failed once more: past a long streak (hours and attempts) it is disabled and the admin told. */
async function recordEndpointFailure(endpointId: string, now: Date): Promise<void> {
  const { WEBHOOK_DISABLE_AFTER_HOURS, WEBHOOK_DISABLE_AFTER_FAILURES } = env();
  const rows = await prisma.$queryRaw<{ consecutive_failures: number; failing_since: Date; url: string; active: boolean }[]>`
    UPDATE webhook_endpoints
       SET consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, ${now}::timestamp(3))
     WHERE id = ${endpointId}
     RETURNING consecutive_failures, failing_since, url, active`;
  const endpoint = rows[0];
  if (!endpoint?.active) return;
  const streakHours = (now.getTime() - endpoint.failing_since.getTime()) / 3_600_000;
  if (endpoint.consecutive_failures < WEBHOOK_DISABLE_AFTER_FAILURES || streakHours < WEBHOOK_DISABLE_AFTER_HOURS) return;
  await disableEndpoint(endpointId, `failing for ${Math.floor(streakHours)} h, ${endpoint.consecutive_failures} attempts in a row`, now, {
    consecutive_failures: endpoint.consecutive_failures,
    failing_since: endpoint.failing_since.toISOString(),
  });
}

/** Turns an endpoint off (410 Gone, or a long failure streak), with an audit row and the admin's alert. */
async function disableEndpoint(endpointId: string, reason: string, now: Date, details: Record<string, string | number> = {}): Promise<void> {
  const { ADMIN_EMAIL, ADMIN_PHONE } = env();
  await prisma.$transaction(async (tx) => {
    const changed = await tx.webhookEndpoint.updateMany({ where: { id: endpointId, active: true }, data: { active: false, disabledAt: now, disabledReason: reason } });
    if (changed.count === 0) return;
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { url: true } });
    await recordAuditEvent(tx, SYSTEM_ACTOR, { action: "webhook.disabled", targetType: "webhook_endpoint", targetId: endpointId, data: { reason, ...details } });
    const payload = { url: endpoint.url, reason, ...details };
    if (ADMIN_EMAIL) await enqueueNotification(tx, { kind: "webhook_disabled_admin", channel: "email", recipient: ADMIN_EMAIL, payload });
    if (ADMIN_PHONE) await enqueueNotification(tx, { kind: "webhook_disabled_admin", channel: "whatsapp", recipient: ADMIN_PHONE, payload });
  });
  logger.warn({ endpoint_id: endpointId, reason }, "webhook endpoint disabled");
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === "string" ? `[${code}] ` : ""}${error.name === "TimeoutError" || error.name === "AbortError" ? "timed out" : error.message}`;
  }
  return String(error);
}

async function attemptOnce(delivery: LoadedDelivery, attempt: number): Promise<WebhookDeliveryOutcome> {
  const body = JSON.stringify(delivery.event.payload);
  const now = new Date();
  const headers = signWebhook(delivery.endpoint, delivery.event.id, body, now);
  const started = performance.now();
  let response: WebhookResponse | undefined;
  let error: string | undefined;
  try {
    response = await sendWebhookRequest(delivery.endpoint.url, headers, body);
  } catch (caught) {
    error = describeError(caught);
  }
  await logAttempt(delivery, attempt, headers, started, { response, error });
  const guard = { id: delivery.id, status: "sending" as const, attempts: attempt };
  const finishedAt = new Date();

  if (response && response.status >= 200 && response.status < 300) {
    await prisma.webhookDelivery.updateMany({ where: guard, data: { status: "delivered", deliveredAt: finishedAt, lastResponseStatus: response.status, lastError: null } });
    await prisma.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, consecutiveFailures: { gt: 0 } }, data: { consecutiveFailures: 0, failingSince: null } });
    return "delivered";
  }

  const lastError = (error ?? `HTTP ${response!.status}`).slice(0, 1000);
  if (response?.status === 410) {
    // The receiver says this endpoint is gone for good: stop sending to it; what it still owes waits for an admin.
    await prisma.webhookDelivery.updateMany({ where: guard, data: { status: "failed", lastResponseStatus: 410, lastError } });
    await disableEndpoint(delivery.endpointId, "the endpoint answered 410 Gone", finishedAt);
    return "endpoint_gone";
  }
  await recordEndpointFailure(delivery.endpointId, finishedAt);
  const retryable = !response || isRetryableStatus(response.status);
  const delay = retryable ? webhookRetryDelayMs(attempt, env().WEBHOOK_RETRY_SCALE, parseRetryAfter(response?.retryAfter)) : null;
  if (delay !== null) {
    const nextAttemptAt = new Date(finishedAt.getTime() + delay);
    await prisma.webhookDelivery.updateMany({ where: guard, data: { status: "pending", nextAttemptAt, lastResponseStatus: response?.status ?? null, lastError } });
    await dispatchWebhookDeliveries([delivery.id], new Date(nextAttemptAt.getTime() + 50));
    return "retry_scheduled";
  }
  // "failed": the receiver refused this event (4xx); "dead": it kept failing for the whole schedule.
  const status = retryable ? "dead" : "failed";
  await prisma.webhookDelivery.updateMany({ where: guard, data: { status, lastResponseStatus: response?.status ?? null, lastError } });
  logger.warn({ delivery_id: delivery.id, endpoint_id: delivery.endpointId, attempt, err: lastError }, `webhook delivery ${status}`);
  return status;
}

/**
 * Delivers one webhook delivery, at most once at a time across workers (a guarded claim, as the notification
 * outbox does), and only after every earlier event of the same conversation owed to the same endpoint: a later
 * event waits and is started by the one before it. After a success the next event of the conversation goes at once,
 * in this job.
 */
export async function deliverWebhook(id: string): Promise<WebhookDeliveryOutcome> {
  let currentId: string | null = id;
  let first: WebhookDeliveryOutcome = "skipped";
  for (let step = 0; currentId; step++) {
    const outcome = await deliverOne(currentId);
    if (step === 0) first = outcome;
    if (outcome !== "delivered" && outcome !== "failed" && outcome !== "dead") break;
    const done: { endpointId: string; conversationKey: string; seq: number } | null = await prisma.webhookDelivery.findUnique({ where: { id: currentId }, select: { endpointId: true, conversationKey: true, seq: true } });
    currentId = done ? await nextInConversation(done) : null;
  }
  return first;
}

async function deliverOne(id: string): Promise<WebhookDeliveryOutcome> {
  const now = new Date();
  const current = await prisma.webhookDelivery.findUnique({ where: { id }, include: deliveryInclude });
  if (!current || (current.status !== "pending" && current.status !== "sending") || current.nextAttemptAt > now) return "skipped";
  // A disabled endpoint keeps what it is owed: re-enabling it dispatches the backlog.
  if (!current.endpoint.active) return "skipped";
  if (await hasEarlierUndelivered(current)) return "waiting";
  const attempt = current.attempts + 1;
  const claimed = await prisma.webhookDelivery.updateMany({
    where: { id, status: current.status, attempts: current.attempts, nextAttemptAt: { lte: now } },
    data: { status: "sending", attempts: attempt, nextAttemptAt: new Date(now.getTime() + WEBHOOK_SENDING_LEASE_MS), lastAttemptAt: now },
  });
  if (claimed.count === 0) return "skipped";
  return attemptOnce({ ...current, status: "sending", attempts: attempt }, attempt);
}
