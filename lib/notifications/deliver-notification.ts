import "server-only";
import { prisma } from "@/lib/db/client";
import type { Notification } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { emailAttachments } from "@/lib/email/email-attachments";
import { emailConfig, sendEmail } from "@/lib/email/send-email";
import { renderEmail } from "@/lib/email/render-email";
import { DeliveryError } from "@/lib/net/delivery-error";
import { dispatchNotifications } from "@/lib/notifications/dispatch-notifications";
import { toLocale } from "@/lib/i18n/config";
import { retryDelayMs } from "@/lib/notifications/retry-schedule";
import { deliverPush } from "@/lib/push/deliver-push";
import { renderWhatsapp } from "@/lib/whatsapp/render-whatsapp";
import { lastWhatsappInboundAt, sendWhatsapp } from "@/lib/whatsapp/send-whatsapp";
import { twilioConfig } from "@/lib/whatsapp/twilio-client";
import { advanceDeliveryStatus } from "@/lib/whatsapp/update-delivery-status";

/**
 * How long a claimed notification belongs to the worker that claimed it. Longer than any send can take (provider
 * timeouts are 30 s): past it the worker is presumed dead and another one takes the notification over.
 */
export const SENDING_LEASE_MS = 3 * 60 * 1000;

export type DeliveryOutcome = "sent" | "retry_scheduled" | "failed" | "dead" | "skipped";

interface Sent {
  providerMessageId: string;
  /** The provider's status for the linked message (Twilio's "queued"; "sent" for email). */
  messageStatus: string;
}

/** Where the notification goes: the configured provider, or the local outbox admins read when there is none. */
async function send(notification: Notification): Promise<Sent> {
  const locale = toLocale(notification.locale);
  if (notification.channel === "email") {
    const email = renderEmail(notification.kind, notification.payload, locale);
    const config = emailConfig();
    if (!config) return deliverLocally(notification, { subject: email.subject, text: email.text, html: email.html });
    const { id } = await sendEmail(config, { to: notification.recipient, email, idempotencyKey: notification.id, attachments: await emailAttachments(notification.payload) });
    return { providerMessageId: id, messageStatus: "sent" };
  }
  // Web Push goes straight to the operator's devices; there is no local stand-in (nothing would read it).
  if (notification.channel === "push") return deliverPush(notification);
  const rendered = renderWhatsapp(notification.kind, notification.payload, locale);
  const config = twilioConfig();
  if (!config) return deliverLocally(notification, { text: rendered.body });
  const sent = await sendWhatsapp(config, {
    to: notification.recipient,
    rendered,
    lastInboundAt: await lastWhatsappInboundAt(prisma, notification.recipient),
  });
  return { providerMessageId: sent.sid, messageStatus: sent.status };
}

async function deliverLocally(notification: Notification, content: { subject?: string; text: string; html?: string }): Promise<Sent> {
  // One row per notification even if a crashed attempt already wrote one: the lookup makes the retry a no-op.
  const existing = await prisma.outboxDelivery.findFirst({ where: { notificationId: notification.id }, select: { id: true } });
  const row =
    existing ??
    (await prisma.outboxDelivery.create({
      data: { notificationId: notification.id, channel: notification.channel, recipient: notification.recipient, ...content },
      select: { id: true },
    }));
  return { providerMessageId: `local-${row.id}`, messageStatus: "sent" };
}

/** The message this notification carries (an operator's reply), when the notification is its delivery channel. */
async function linkedMessage(notification: Notification) {
  if (!notification.messageId) return null;
  const message = await prisma.message.findUnique({ where: { id: notification.messageId }, select: { id: true, channel: true, externalId: true } });
  return message && message.channel === notification.channel ? message : null;
}

async function recordSent(notification: Notification, attempt: number, sent: Sent, now: Date): Promise<void> {
  await prisma.notification.updateMany({
    where: { id: notification.id, status: "sending", attempts: attempt },
    data: { status: "sent", providerMessageId: sent.providerMessageId, sentAt: now, lastError: null },
  });
  const message = await linkedMessage(notification);
  if (!message) return;
  // Status callbacks find the message by Twilio's sid.
  if (notification.channel === "whatsapp" && !message.externalId && !sent.providerMessageId.startsWith("local-")) {
    await prisma.message.updateMany({ where: { id: message.id, externalId: null }, data: { externalId: sent.providerMessageId } });
  }
  await advanceDeliveryStatus({ id: message.id }, sent.messageStatus);
}

async function recordFailure(notification: Notification, attempt: number, error: unknown, now: Date): Promise<DeliveryOutcome> {
  const failure =
    error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), { retryable: true, code: "internal" });
  const lastError = `${failure.code !== undefined ? `[${failure.code}] ` : ""}${failure.message}`.slice(0, 1000);
  const { NOTIFICATION_MAX_ATTEMPTS, NOTIFICATION_RETRY_BASE_SECONDS } = env();
  if (failure.retryable && attempt < NOTIFICATION_MAX_ATTEMPTS) {
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempt, NOTIFICATION_RETRY_BASE_SECONDS * 1000, failure.retryAfterMs));
    await prisma.notification.updateMany({
      where: { id: notification.id, status: "sending", attempts: attempt },
      data: { status: "pending", nextAttemptAt, lastError },
    });
    logger.warn({ notification_id: notification.id, kind: notification.kind, channel: notification.channel, attempt, err: lastError }, "notification delivery failed, will retry");
    // A little after the due time, so a job started by a clock slightly ahead of this one does not find it early.
    await dispatchNotifications([notification.id], new Date(nextAttemptAt.getTime() + 250));
    return "retry_scheduled";
  }
  // "failed": the provider refused this notification for good; "dead": it kept failing. Both wait in the
  // dead-letter list for an admin.
  const status = failure.retryable ? "dead" : "failed";
  await prisma.notification.updateMany({ where: { id: notification.id, status: "sending", attempts: attempt }, data: { status, lastError } });
  logger.error({ notification_id: notification.id, kind: notification.kind, channel: notification.channel, attempt, err: lastError }, `notification ${status}`);
  const message = await linkedMessage(notification);
  if (message) await advanceDeliveryStatus({ id: message.id }, "failed", lastError);
  return status;
}

/**
 * Delivers one outbox notification, at most once at a time across all workers: a guarded UPDATE claims it
 * (pending → sending, or a sending row whose lease ran out), then the outcome is recorded against that claim.
 */
export async function deliverNotification(id: string, now: Date = new Date()): Promise<DeliveryOutcome> {
  const current = await prisma.notification.findUnique({ where: { id } });
  if (!current || (current.status !== "pending" && current.status !== "sending") || current.nextAttemptAt > now) return "skipped";
  const attempt = current.attempts + 1;
  const claimed = await prisma.notification.updateMany({
    where: { id, status: current.status, attempts: current.attempts, nextAttemptAt: { lte: now } },
    data: { status: "sending", attempts: attempt, nextAttemptAt: new Date(now.getTime() + SENDING_LEASE_MS), lastAttemptAt: now },
  });
  if (claimed.count === 0) return "skipped";
  const notification = { ...current, status: "sending" as const, attempts: attempt };

  // A previous attempt got Twilio's sid but died before marking the row sent: Twilio has no idempotency key, so the
  // stored sid is the guard against sending the message twice.
  if (current.providerMessageId) {
    await recordSent(notification, attempt, { providerMessageId: current.providerMessageId, messageStatus: "queued" }, now);
    return "sent";
  }

  let sent: Sent;
  try {
    sent = await send(notification);
  } catch (error) {
    return recordFailure(notification, attempt, error, new Date());
  }
  await recordSent(notification, attempt, sent, new Date());
  return "sent";
}
