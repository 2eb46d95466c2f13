import "server-only";
import { systemLines } from "@/lib/i18n/server-text";
import webpush from "web-push";
import { prisma } from "@/lib/db/client";
import type { Notification } from "@/lib/db/generated/client";
import { logger } from "@/lib/log/logger";
import { DeliveryError } from "@/lib/net/delivery-error";
import { NotificationPayload } from "@/lib/schemas/notification-payload";
import { toLocale } from "@/lib/i18n/config";
import { vapidKeys } from "@/lib/push/vapid-keys";

const QUESTION_MAX = 180;

/** What the service worker shows: title, the assignment's question, and the dashboard to open on click. */
export function renderAssignmentPush(payload: unknown, locale: string | null): { title: string; body: string; url: string; tag: string } {
  const data = NotificationPayload.from("operator_assignment", payload);
  const sessionId = data.required("session_id");
  const question = data.text("question") ?? "";
  const body = question.length > QUESTION_MAX ? `${question.slice(0, QUESTION_MAX - 1)}…` : question;
  const title = systemLines(toLocale(locale))("assignmentPushTitle");
  return { title, body, url: `/operator?session=${encodeURIComponent(sessionId)}`, tag: `session-${sessionId}` };
}

/**
 * Sends a push notification to every device the operator (the notification's recipient) opted in on. Web Push
 * requests are built (encrypted, VAPID-signed) by the maintained `web-push` library and sent with fetch; a device
 * the push service no longer knows (404/410) is forgotten. Fails (for a retry) only when no device got it.
 */
export async function deliverPush(notification: Notification): Promise<{ providerMessageId: string; messageStatus: string }> {
  const devices = await prisma.pushSubscription.findMany({ where: { operatorId: notification.recipient } });
  if (devices.length === 0) return { providerMessageId: "push-no-device", messageStatus: "sent" };
  const keys = await vapidKeys();
  const message = JSON.stringify(renderAssignmentPush(notification.payload, notification.locale));
  let delivered = 0;
  let failure: DeliveryError | undefined;
  for (const device of devices) {
    const request = webpush.generateRequestDetails({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, message, {
      vapidDetails: keys,
      TTL: 10 * 60,
      urgency: "high",
      topic: renderAssignmentPush(notification.payload, notification.locale).tag.slice(0, 32).replace(/[^A-Za-z0-9_-]/g, "_"),
    });
    try {
      const response = await fetch(request.endpoint, { method: request.method, headers: request.headers, body: request.body as BodyInit | null, signal: AbortSignal.timeout(15_000) });
      if (response.status === 404 || response.status === 410) {
        await prisma.pushSubscription.deleteMany({ where: { id: device.id } });
      } else if (response.ok) {
        delivered++;
        await prisma.pushSubscription.update({ where: { id: device.id }, data: { lastSentAt: new Date() } });
      } else {
        failure = new DeliveryError(`push service answered ${response.status}`, { retryable: response.status >= 500 || response.status === 429, code: response.status });
      }
    } catch (error) {
      failure = new DeliveryError(`push service unreachable: ${error instanceof Error ? error.message : String(error)}`, { retryable: true, code: "network" });
    }
  }
  if (delivered === 0 && failure) throw failure;
  if (failure) logger.warn({ notification_id: notification.id, err: failure.message }, "push reached only some devices");
  return { providerMessageId: `push-${delivered}-of-${devices.length}`, messageStatus: "sent" };
}
