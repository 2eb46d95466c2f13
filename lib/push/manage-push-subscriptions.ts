import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { isAllowedPushEndpoint } from "@/lib/push/push-config";
import type { PushSubscriptionBody } from "@/lib/schemas/push";

/**
 * Opts this device in: the browser's subscription, stored for the signed-in operator. An endpoint is one device, so a
 * device that was another operator's (signed out, someone else signed in) now notifies the one signed in.
 */
export async function savePushSubscription(operatorId: string, body: PushSubscriptionBody, userAgent: string | null) {
  if (!isAllowedPushEndpoint(body.endpoint)) throw new ApiError("VALIDATION_ERROR", "The push endpoint must be an https URL of a push service", { details: { field: "endpoint" } });
  const data = { operatorId, p256dh: body.keys.p256dh, auth: body.keys.auth, userAgent: userAgent?.slice(0, 300) ?? null };
  const row = await prisma.pushSubscription.upsert({ where: { endpoint: body.endpoint }, create: { endpoint: body.endpoint, ...data }, update: data, select: { id: true, createdAt: true } });
  return { id: row.id, created_at: row.createdAt.toISOString() };
}

/** Opts this device out: only the signed-in operator's own subscription can be removed. */
export async function deletePushSubscription(operatorId: string, endpoint: string) {
  const { count } = await prisma.pushSubscription.deleteMany({ where: { operatorId, endpoint } });
  return { deleted: count };
}
