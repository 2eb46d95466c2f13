import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

/**
 * Where set-password links (operator invites, the first admin's setup) go: always printed to the console (the
 * first-admin setup on a fresh install relies on that), and emailed through the outbox when Resend is configured.
 */
export async function deliverAuthLink(input: { email: string; name: string; url: string }): Promise<void> {
  logger.info({ email: input.email }, "set-password link issued");
  console.log(`\n  Set-password link for ${input.name} <${input.email}>:\n  ${input.url}\n`);
  if (!env().RESEND_API_KEY) return;
  const operator = await prisma.operator.findUnique({ where: { email: input.email }, select: { locale: true } });
  await enqueueNotification(prisma, {
    kind: "auth_link",
    channel: "email",
    recipient: input.email,
    locale: operator?.locale,
    payload: { name: input.name, url: input.url },
  });
}
