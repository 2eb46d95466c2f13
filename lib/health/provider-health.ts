import "server-only";
import { prisma } from "@/lib/db/client";
import type { CheckStatus } from "@/lib/health/check-health";
import { emailConfig } from "@/lib/email/send-email";
import { twilioConfig } from "@/lib/whatsapp/twilio-client";

/** How far back /health looks at delivery attempts. */
const RECENT_MS = 15 * 60 * 1000;

/**
 * "failing" when the latest delivery attempt on the channel in the last 15 minutes did not get through: it is waiting
 * for a retry or gave up after all of them. A notification the provider refused for good (a malformed number) says
 * nothing about the provider, so it is left out.
 */
async function recentlyFailing(channel: "email" | "whatsapp", now: Date): Promise<boolean> {
  const latest = await prisma.notification.findFirst({
    where: {
      channel,
      lastAttemptAt: { gte: new Date(now.getTime() - RECENT_MS) },
      OR: [{ status: "sent" }, { status: "dead" }, { status: "pending", lastError: { not: null } }],
    },
    orderBy: { lastAttemptAt: "desc" },
    select: { status: true },
  });
  return latest !== null && latest.status !== "sent";
}

async function channelHealth(channel: "email" | "whatsapp", configured: boolean, now: Date): Promise<CheckStatus> {
  if (!configured) return "not_configured";
  try {
    return (await recentlyFailing(channel, now)) ? "failing" : "configured";
  } catch {
    // The database check reports the database; this one should not fail for it.
    return "configured";
  }
}

/** Each provider: configured, not configured (a local outbox stands in), or failing (recent deliveries did not get through). */
export async function providerHealth(now: Date = new Date()): Promise<Record<"email" | "whatsapp", CheckStatus>> {
  const [email, whatsapp] = await Promise.all([channelHealth("email", emailConfig() !== null, now), channelHealth("whatsapp", twilioConfig() !== null, now)]);
  return { email, whatsapp };
}
