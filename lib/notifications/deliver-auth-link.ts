import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

/**
 * Where set-password links (invites, password resets) go: only to the operator's own email, through the outbox like
 * every other mail (Resend when configured, else the local outbox admins read in the panel). Never to the log: an
 * anonymous reset request must not print a working link anyone with log access could use.
 */
export async function deliverAuthLink(input: { email: string; name: string; url: string }, tx: Tx = prisma): Promise<string> {
  const operator = await tx.operator.findUnique({ where: { email: input.email }, select: { locale: true } });
  const id = await enqueueNotification(tx, {
    kind: "auth_link",
    channel: "email",
    recipient: input.email,
    locale: operator?.locale,
    payload: { name: input.name, url: input.url },
  });
  logger.info({ notification_id: id }, "set-password link queued for the operator's email");
  return id;
}
