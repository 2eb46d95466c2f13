import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { isRetryableStatus, parseRetryAfter } from "@/lib/net/delivery-error";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { sendWebhookRequest, type WebhookResponse } from "@/lib/webhooks/send-webhook-request";
import { signWebhook } from "@/lib/webhooks/sign-webhook";
import { dispatchWebhookDeliveries } from "@/lib/webhooks/dispatch-webhook-deliveries";
import { webhookRetryDelayMs } from "@/lib/webhooks/webhook-retry-schedule";

/** How long a claimed delivery belongs to the worker that claimed it: longer than any request may take. */
export const WEBHOOK_SENDING_LEASE_MS = 2 * 60 * 1000;

export type WebhookDeliveryOutcome = "delivered" | "retry_scheduled" | "failed" | "dead" | "endpoint_gone" | "skipped";

/** A claimed delivery with what its request needs: the endpoint's URL and secrets, and the event's body. */
interface ClaimedDelivery {
  id: string;
  endpointId: string;
  conversationKey: string;
  attempts: number;
  eventId: string;
  payload: unknown;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * The claim of one row `d`, as the SET and WHERE of an UPDATE: it must be due, its endpoint active, and no earlier
 * event of the same conversation may still be owed to the same endpoint (`except`: the caller's own row, finished in
 * the same statement). Leased ("sending") until the lease ends, so at most one worker sends it at a time.
 */
function claimConditions(now: Date, except: Prisma.Sql = Prisma.sql`NULL`): Prisma.Sql {
  const lease = new Date(now.getTime() + WEBHOOK_SENDING_LEASE_MS);
  return Prisma.sql`
         SET status = 'sending', attempts = d.attempts + 1, next_attempt_at = ${lease}::timestamp(3), last_attempt_at = ${now}::timestamp(3)
       WHERE d.status IN ('pending', 'sending') AND d.next_attempt_at <= ${now}::timestamp(3)
         AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = d.endpoint_id AND e.active)
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                          WHERE p.endpoint_id = d.endpoint_id AND p.conversation_key = d.conversation_key
                            AND p.seq < d.seq AND p.status IN ('pending', 'sending') AND p.id IS DISTINCT FROM ${except})`;
}

/** What a claim statement returns: the claimed row `claimed` with its endpoint and event. */
const CLAIMED_SELECT = Prisma.sql`
    SELECT c.id, c.endpoint_id AS "endpointId", c.conversation_key AS "conversationKey", c.attempts, c.event_id AS "eventId", ev.payload,
           e.url, e.secret, e.previous_secret AS "previousSecret", e.previous_secret_expires_at AS "previousSecretExpiresAt"
      FROM claimed c
      JOIN webhook_endpoints e ON e.id = c.endpoint_id
      JOIN webhook_events ev ON ev.id = c.event_id`;

/**
 * Claims one delivery in one statement: `target` picks the row (by id, or the head of a conversation's line). A
 * concurrent claimer of the same row waits on its lock and then finds it leased. Returns null when it is not this
 * caller's to send now (not due, behind an earlier event of its conversation, or another worker's).
 */
async function claimDelivery(target: Prisma.Sql, now: Date): Promise<ClaimedDelivery | null> {
  const rows = await prisma.$queryRaw<ClaimedDelivery[]>`
    WITH claimed AS (
      UPDATE webhook_deliveries d ${claimConditions(now)} AND d.id = (${target})
      RETURNING d.id, d.endpoint_id, d.conversation_key, d.event_id, d.attempts
    )
    ${CLAIMED_SELECT}`;
  return rows[0] ?? null;
}

const byId = (id: string) => Prisma.sql`SELECT ${id}::text`;

/** The first event of a conversation still owed to an endpoint. */
const headOfLine = (endpointId: string, conversationKey: string) => Prisma.sql`
  SELECT h.id FROM webhook_deliveries h
   WHERE h.endpoint_id = ${endpointId} AND h.conversation_key = ${conversationKey} AND h.status IN ('pending', 'sending')
   ORDER BY h.seq LIMIT 1`;

/**
 * Records a success and claims the conversation's next event for the same endpoint, in one statement: the attempt's
 * log row, the delivery delivered, the endpoint's failure streak ended, and the next pending event (if due and
 * nothing else is before it) leased to this caller, returned ready to send. So a lane that has just delivered
 * event k goes on with k+1 without another round trip, and no other worker can take k+1 in between.
 */
async function recordDelivered(delivery: ClaimedDelivery, attemptRow: AttemptRow, finishedAt: Date): Promise<ClaimedDelivery | null> {
  const rows = await prisma.$queryRaw<ClaimedDelivery[]>`
    WITH logged AS (
      INSERT INTO webhook_attempts (id, delivery_id, attempt, request_headers, response_status, response_body, error, duration_ms, at)
      VALUES ('wha_' || replace(gen_random_uuid()::text, '-', ''), ${delivery.id}, ${delivery.attempts}, ${JSON.stringify(attemptRow.requestHeaders)}::jsonb,
              ${attemptRow.responseStatus}, ${attemptRow.responseBody}, NULL, ${attemptRow.durationMs}, ${finishedAt}::timestamp(3))
    ), done AS (
      UPDATE webhook_deliveries SET status = 'delivered', delivered_at = ${finishedAt}::timestamp(3),
             last_response_status = ${attemptRow.responseStatus}, last_error = NULL
       WHERE id = ${delivery.id} AND status = 'sending' AND attempts = ${delivery.attempts}
      RETURNING id, endpoint_id, conversation_key, seq
    ), streak AS (
      UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL
       WHERE id = ${delivery.endpointId} AND consecutive_failures > 0
    ), claimed AS (
      UPDATE webhook_deliveries d ${claimConditions(finishedAt, Prisma.sql`${delivery.id}::text`)}
         AND d.status = 'pending'
         AND d.id = (SELECT n.id FROM webhook_deliveries n, done
                      WHERE n.endpoint_id = done.endpoint_id AND n.conversation_key = done.conversation_key
                        AND n.seq > done.seq AND n.status = 'pending'
                      ORDER BY n.seq LIMIT 1)
      RETURNING d.id, d.endpoint_id, d.conversation_key, d.event_id, d.attempts
    )
    ${CLAIMED_SELECT}`;
  return rows[0] ?? null;
}

interface AttemptRow {
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

function attemptRow(headers: Record<string, string>, started: number, result: { response?: WebhookResponse; error?: string }): AttemptRow {
  return {
    requestHeaders: { ...headers, "content-type": "application/json" },
    responseStatus: result.response?.status ?? null,
    responseBody: result.response?.body ?? null,
    error: result.error?.slice(0, 1000) ?? null,
    durationMs: Math.round(performance.now() - started),
  };
}

async function logAttempt(deliveryId: string, attempt: number, row: AttemptRow) {
  await prisma.webhookAttempt.create({ data: { deliveryId, attempt, ...row } });
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

/** Sends a claimed delivery once; on success returns the next delivery of the conversation to send at once. */
async function attemptOnce(delivery: ClaimedDelivery): Promise<{ outcome: WebhookDeliveryOutcome; next: ClaimedDelivery | null }> {
  const attempt = delivery.attempts;
  const body = JSON.stringify(delivery.payload);
  const now = new Date();
  const headers = signWebhook(delivery, delivery.eventId, body, now);
  const started = performance.now();
  let response: WebhookResponse | undefined;
  let error: string | undefined;
  try {
    response = await sendWebhookRequest(delivery.url, headers, body);
  } catch (caught) {
    error = describeError(caught);
  }
  const row = attemptRow(headers, started, { response, error });
  const finishedAt = new Date();
  if (response && response.status >= 200 && response.status < 300) {
    return { outcome: "delivered", next: await recordDelivered(delivery, row, finishedAt) };
  }
  await logAttempt(delivery.id, attempt, row);
  const outcome = await recordFailure(delivery, attempt, response, error, finishedAt);
  const finalFailure = outcome === "failed" || outcome === "dead";
  return { outcome, next: finalFailure ? await claimDelivery(headOfLine(delivery.endpointId, delivery.conversationKey), new Date()) : null };
}

async function recordFailure(
  delivery: ClaimedDelivery,
  attempt: number,
  response: WebhookResponse | undefined,
  error: string | undefined,
  finishedAt: Date,
): Promise<WebhookDeliveryOutcome> {
  const guard = { id: delivery.id, status: "sending" as const, attempts: attempt };
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
 * The lines (endpoint + conversation) this process is delivering right now, and whether a NOTIFY for one of them
 * was heard meanwhile. A lane delivering a line claims each next event itself, so a NOTIFY for a later event of a
 * busy line costs no claim statement: it only marks the line, and the lane looks at the line's head once more
 * before it stops (the event may have committed after the lane's last look).
 */
const lines = new Map<string, { lanes: number; heard: boolean }>();

const lineKey = (endpointId: string, conversationKey: string) => `${endpointId} ${conversationKey}`;

/**
 * Delivers one webhook delivery, at most once at a time across workers (a guarded claim, as the notification
 * outbox does), and only after every earlier event of the same conversation owed to the same endpoint: a later
 * event waits and is started by the one before it. After a success (or a final failure) the next event of the
 * conversation goes at once, in this lane, claimed by the same statement that recorded the success: two statements
 * per delivery besides the request itself, one when the lane continues.
 * `notice` is what the writer's NOTIFY carries, "<delivery id> <endpoint id> <conversation key>", or a job's bare id.
 */
export async function deliverWebhook(notice: string): Promise<WebhookDeliveryOutcome> {
  const [id, endpointId, conversationKey] = notice.split(" ");
  const busy = endpointId && conversationKey ? lines.get(lineKey(endpointId, conversationKey)) : undefined;
  if (busy) {
    busy.heard = true;
    return "skipped";
  }
  let claimed = await claimDelivery(byId(id), new Date());
  // Not due, behind an earlier event of its conversation, or another worker's: nothing to do here.
  if (!claimed) return "skipped";
  const key = lineKey(claimed.endpointId, claimed.conversationKey);
  const head = headOfLine(claimed.endpointId, claimed.conversationKey);
  const line = lines.get(key) ?? { lanes: 0, heard: false };
  line.lanes += 1;
  lines.set(key, line);
  let first: WebhookDeliveryOutcome | undefined;
  try {
    while (claimed) {
      const { outcome, next } = await attemptOnce(claimed);
      first ??= outcome;
      claimed = next;
      // A NOTIFY heard during the last statement (even during this look itself) means one more look.
      while (!claimed && line.heard && outcome !== "retry_scheduled" && outcome !== "endpoint_gone") {
        line.heard = false;
        claimed = await claimDelivery(head, new Date());
      }
    }
  } finally {
    line.lanes -= 1;
    if (line.lanes === 0) lines.delete(key);
  }
  return first ?? "skipped";
}
