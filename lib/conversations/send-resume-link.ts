import "server-only";
import { hashSecret, newSecret } from "@/lib/auth/customer-key";
import { sessionLocale } from "@/lib/conversations/system-messages";
import { prisma, type Tx } from "@/lib/db/client";
import { chatUrl } from "@/lib/env";
import type { Prisma } from "@/lib/db/generated/client";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

/** How long a resume link works, and how often one conversation may send one. */
export const RESUME_LINK_TTL_MINUTES = 30;
export const RESUME_LINK_SPACING_MINUTES = 2;

export interface ResumeLinkResult {
  sent: boolean;
  /** "ma•••@example.com": enough for the customer to recognise the address, not enough to learn it. */
  recipient_hint: string | null;
}

export function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 2)}•••@${domain ?? ""}`;
}

/**
 * Emails the owner of an open web chat a one-time link that moves the conversation to the browser it is opened in
 * (docs/security.md). It goes only to the address the chat was opened with, or the contact's verified email —
 * never to one the caller names — at most once every two minutes per conversation.
 */
export async function sendResumeLink(sessionId: string, db: Tx | typeof prisma = prisma, now = new Date()): Promise<ResumeLinkResult> {
  const token = newSecret();
  const expires = new Date(now.getTime() + RESUME_LINK_TTL_MINUTES * 60_000);
  const spacing = new Date(now.getTime() - RESUME_LINK_SPACING_MINUTES * 60_000);
  const rows = await db.$queryRaw<{ recipient: string; metadata: Prisma.JsonValue }[]>`
    UPDATE chat_sessions s
       SET resume_token_hash = ${hashSecret(token)}, resume_expires_at = ${expires}, resume_link_sent_at = ${now}
      FROM contacts c
     WHERE s.id = ${sessionId} AND c.id = s.contact_id AND s.channel = 'web' AND s.status IN ('queued', 'active')
       AND (s.resume_link_sent_at IS NULL OR s.resume_link_sent_at < ${spacing})
       AND coalesce(s.contact_email, CASE WHEN c.email_verified_at IS NOT NULL THEN c.email END) IS NOT NULL
    RETURNING coalesce(s.contact_email, c.email) AS recipient, s.metadata`;
  const row = rows[0];
  if (!row) return { sent: false, recipient_hint: null };
  const url = `${chatUrl()}/chat?session=${encodeURIComponent(sessionId)}&resume=${encodeURIComponent(token)}`;
  await enqueueNotification(db, {
    kind: "resume_link",
    channel: "email",
    recipient: row.recipient,
    locale: sessionLocale(row.metadata),
    sessionId,
    payload: { session_id: sessionId, url, expires_minutes: RESUME_LINK_TTL_MINUTES },
  });
  return { sent: true, recipient_hint: maskEmail(row.recipient) };
}
